// huandu/xstrings v1.5 case conversions (ToSnakeCase, ToKebabCase, ToPascalCase), rune-based.
import { isLetter, isNumber, isPunct, isSpace, isUpper, toLowerRune, toUpperRune } from "./unicode.js";

const enum W {
  Invalid,
  Number,
  Upper,
  Alpha,
  Connector,
  Punct,
  Other,
}

function isConnector(c: string): boolean {
  return c === "-" || c === "_" || isSpace(c);
}

function isAlphabet(c: string): boolean {
  if (!isLetter(c)) return false;
  const r = c.codePointAt(0)!;
  if (r < 0x3400) return true;
  if (r >= 0x4e00 && r <= 0x9fcc) return false;
  if (r >= 0x3400 && r <= 0x4d85) return false;
  if (r >= 0x20000 && r <= 0x2b81d) return false;
  return true;
}

/** xstrings.nextWord over an array of runes starting at i: [type, end index]. */
function nextWord(r: string[], i: number): [W, number] {
  if (i >= r.length) return [W.Invalid, i];
  const c = r[i]!;
  let j = i + 1;
  const run = (pred: (c: string) => boolean): void => {
    while (j < r.length && pred(r[j]!)) j++;
  };
  if (isConnector(c)) {
    run(isConnector);
    return [W.Connector, j];
  }
  if (isPunct(c)) {
    run(isPunct);
    return [W.Punct, j];
  }
  if (isUpper(c)) {
    if (j >= r.length) return [W.Upper, j];
    const d = r[j]!;
    if (isUpper(d)) {
      run(isUpper);
      // "HTTPStatus" → "HTTP" + "Status": the last upper starts the next word.
      if (j < r.length && isAlphabet(r[j]!)) j--;
    } else if (isAlphabet(d)) {
      run((x) => isAlphabet(x) && !isUpper(x));
    }
    return [W.Upper, j];
  }
  if (isAlphabet(c)) {
    run((x) => isAlphabet(x) && !isUpper(x));
    return [W.Alpha, j];
  }
  if (isNumber(c)) {
    run(isNumber);
    return [W.Number, j];
  }
  run((x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x)));
  return [W.Other, j];
}

function lowerWord(out: string[], wt: W, word: string[], connector: string): void {
  if (wt !== W.Upper && wt !== W.Connector) {
    out.push(...word);
    return;
  }
  for (const c of word) out.push(isConnector(c) ? connector : isUpper(c) ? toLowerRune(c) : c);
}

function camelToLower(s: string, connector: string): string {
  if (s === "") return "";
  const r = [...s];
  const out: string[] = [];
  let pos = 0;
  const next = (): [W, string[]] => {
    const [wt, end] = nextWord(r, pos);
    const word = r.slice(pos, end);
    pos = end;
    return [wt, word];
  };
  let [wt, word] = next();
  while (pos < r.length) {
    if (wt !== W.Connector) lowerWord(out, wt, word, connector);
    const prev = wt;
    const last = word;
    [wt, word] = next();
    switch (prev) {
      case W.Number:
        while (wt === W.Alpha || wt === W.Number) {
          lowerWord(out, wt, word, connector);
          [wt, word] = next();
        }
        if (wt !== W.Invalid && wt !== W.Punct && wt !== W.Connector) out.push(connector);
        break;
      case W.Connector:
        lowerWord(out, prev, last, connector);
        break;
      case W.Punct:
        break;
      default: {
        if (wt !== W.Number) {
          if (wt !== W.Connector && wt !== W.Punct) out.push(connector);
          break;
        }
        if (pos >= r.length) break;
        const num = word;
        [wt, word] = next();
        if (wt !== W.Alpha) {
          lowerWord(out, W.Number, num, connector);
          if (wt !== W.Connector && wt !== W.Punct) out.push(connector);
          break;
        }
        out.push(connector);
        lowerWord(out, W.Number, num, connector);
        while (wt === W.Alpha || wt === W.Number) {
          lowerWord(out, wt, word, connector);
          [wt, word] = next();
        }
        if (wt !== W.Invalid && wt !== W.Connector && wt !== W.Punct) out.push(connector);
      }
    }
  }
  lowerWord(out, wt, word, connector);
  return out.join("");
}

/** xstrings.ToSnakeCase */
export const toSnakeCase = (s: string): string => camelToLower(s, "_");
/** xstrings.ToKebabCase */
export const toKebabCase = (s: string): string => camelToLower(s, "-");

/** xstrings.ToPascalCase (Sprig's `camelcase`). */
export function toPascalCase(s: string): string {
  if (s === "") return "";
  const r = [...s];
  const out: string[] = [];
  let i = 0;
  let r0 = "";
  let firstUpper = false;
  while (i < r.length) {
    r0 = r[i++]!;
    if (!isConnector(r0)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
      break;
    }
    out.push(r0);
  }
  if (i >= r.length) {
    // Go writes r0 again even when it was a (already written) connector: "_" → "__".
    if (r.length > 0) out.push(r0);
    return out.join("");
  }
  while (i < r.length) {
    const r1 = r0;
    r0 = r[i++]!;
    if (isConnector(r0) && isConnector(r1)) {
      out.push(r1);
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = isUpper(r0);
      r0 = toUpperRune(r0);
    } else {
      if (firstUpper) {
        if (isUpper(r0)) r0 = toLowerRune(r0);
        else firstUpper = false;
      }
      out.push(r1);
    }
  }
  out.push(r0);
  return out.join("");
}
