/** `my-chart_name` → `MyChartName`; a leading digit gets an underscore. */
export function pascalCase(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join("");
  return /^[0-9]/.test(name) ? `_${name}` : name || "Chart";
}

/** Hands out unique type names: a second `Foo` becomes `Foo2`. */
export class NameRegistry {
  private readonly used = new Set<string>();

  /** Reserves `wanted`, or the first free `wanted<N>`. */
  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}${n}`;
    this.used.add(name);
    return name;
  }
}
