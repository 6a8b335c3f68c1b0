// Command oracle runs Go's text/template (and fmt) over test inputs and records what Go produces:
// the expected data for berth's TypeScript engine tests. Run: go run oracle.go (see README.md).
package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"
)

type Person struct {
	Name  string
	Age   int
	Tags  []string
	Extra interface{}
}

func (p *Person) Greet(s string) string { return "hi " + s + " from " + p.Name }
func (p *Person) Hello() string         { return "hello " + p.Name }
func (p *Person) Fails() (string, error) {
	return "", errors.New("person failed")
}

type Version struct{ Major, Minor int }

func (v Version) String() string { return fmt.Sprintf("v%d.%d", v.Major, v.Minor) }

// decode turns tagged JSON ({"$int": "5"}, {"$bytes": "hi"}) into Go values.
func decode(v interface{}) interface{} {
	switch x := v.(type) {
	case map[string]interface{}:
		if s, ok := x["$int"]; ok && len(x) == 1 {
			n, _ := strconv.ParseInt(s.(string), 10, 64)
			return int(n)
		}
		if s, ok := x["$bytes"]; ok && len(x) == 1 {
			return []byte(s.(string))
		}
		for k, e := range x {
			x[k] = decode(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = decode(e)
		}
		return x
	}
	return v
}

func funcs() template.FuncMap {
	return template.FuncMap{
		"upper":  strings.ToUpper,
		"echo":   func(x interface{}) interface{} { return x },
		"fail":   func(msg string) (string, error) { return "", errors.New(msg) },
		"join":   func(sep string, xs ...string) string { return strings.Join(xs, sep) },
		"repeat": func(n int, s string) string { return strings.Repeat(s, n) },
		"half":   func(f float64) float64 { return f / 2 },
		"nilfn":  func() interface{} { return nil },
		"list":   func(xs ...interface{}) []interface{} { return xs },
		"dict": func(kv ...interface{}) map[string]interface{} {
			m := map[string]interface{}{}
			for i := 0; i+1 < len(kv); i += 2 {
				m[kv[i].(string)] = kv[i+1]
			}
			return m
		},
		"isNil": func(x interface{}) bool { return x == nil },
		"add":   func(a, b int) int { return a + b },
		"flag":  func(b bool) string { return fmt.Sprint(!b) },
	}
}

type tcase struct {
	Name       string `json:"name"`
	Tpl        string `json:"tpl"`
	Data       string `json:"data"`
	MissingKey string `json:"missingkey,omitempty"`
	Exec       string `json:"exec,omitempty"`
	Out        *string `json:"out,omitempty"`
	Err        *string `json:"err,omitempty"`
}

func run(c *tcase, data map[string]interface{}) {
	defer func() {
		if r := recover(); r != nil {
			s := fmt.Sprint("panic: ", r)
			c.Err = &s
		}
	}()
	t := template.New("root").Funcs(funcs())
	if c.MissingKey != "" {
		t.Option("missingkey=" + c.MissingKey)
	}
	var d interface{}
	if c.Data != "" {
		raw, _ := json.Marshal(data[c.Data])
		var v interface{}
		json.Unmarshal(raw, &v)
		d = decode(v)
		if m, ok := d.(map[string]interface{}); ok && c.Data == "d" {
			m["P"] = &Person{Name: "Ann", Age: 42, Tags: []string{"a", "b"}, Extra: nil}
			m["V"] = Version{1, 20}
		}
	}
	name := "t.yaml"
	if _, err := t.New(name).Parse(c.Tpl); err != nil {
		s := err.Error()
		c.Err = &s
		return
	}
	exec := name
	if c.Exec != "" {
		exec = c.Exec
	}
	var b strings.Builder
	if err := t.ExecuteTemplate(&b, exec, d); err != nil {
		s := err.Error()
		c.Err = &s
		return
	}
	s := b.String()
	c.Out = &s
}

// scase parses several texts into one set (Go's root.New(name).Parse(text)) and executes one by name.
type scase struct {
	Name   string      `json:"name"`
	Parses [][2]string `json:"parses"`
	Exec   string      `json:"exec"`
	Data   interface{} `json:"data"`
	Out    *string     `json:"out,omitempty"`
	Err    *string     `json:"err,omitempty"`
}

func runSet(c *scase) {
	c.Out, c.Err = nil, nil
	root := template.New("root").Funcs(funcs())
	for _, p := range c.Parses {
		if _, err := root.New(p[0]).Parse(p[1]); err != nil {
			s := err.Error()
			c.Err = &s
			return
		}
	}
	var b strings.Builder
	if err := root.ExecuteTemplate(&b, c.Exec, decode(c.Data)); err != nil {
		s := err.Error()
		c.Err = &s
		return
	}
	s := b.String()
	c.Out = &s
}

type fcase struct {
	Fn     string            `json:"fn"`
	Format string            `json:"format,omitempty"`
	Args   []json.RawMessage `json:"args"`
	Out    string            `json:"out"`
}

func fmtArg(raw json.RawMessage) interface{} {
	var v interface{}
	json.Unmarshal(raw, &v)
	return decode(v)
}

func main() {
	var in struct {
		Data  map[string]interface{} `json:"data"`
		Cases []*tcase               `json:"cases"`
		Fmt   []*fcase               `json:"fmt"`
		Sets  []*scase               `json:"sets"`
		Fuzz  []*tcase               `json:"fuzz"`
	}
	dec := json.NewDecoder(os.Stdin)
	if err := dec.Decode(&in); err != nil {
		panic(err)
	}
	for _, c := range in.Cases {
		c.Out, c.Err = nil, nil
		run(c, in.Data)
	}
	for _, c := range in.Fuzz {
		c.Out, c.Err = nil, nil
		run(c, in.Data)
	}
	for _, c := range in.Sets {
		runSet(c)
	}
	for _, f := range in.Fmt {
		args := make([]interface{}, len(f.Args))
		for i, a := range f.Args {
			args[i] = fmtArg(a)
		}
		switch f.Fn {
		case "sprint":
			f.Out = fmt.Sprint(args...)
		case "sprintln":
			f.Out = fmt.Sprintln(args...)
		default:
			f.Out = fmt.Sprintf(f.Format, args...)
		}
	}
	enc := json.NewEncoder(os.Stdout)
	enc.SetIndent("", " ")
	enc.SetEscapeHTML(false)
	enc.Encode(in)
}
