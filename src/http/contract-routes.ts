// Which operation, and which path of the contract, a request's method and path lead to. Paths are
// the contract's exactly (case and trailing slash included); a template's parameter is one segment.
type Paths = { paths?: Record<string, Record<string, { operationId?: string } | unknown>> };

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A template's path pattern; each parameter (one segment) is a group of its own, in order. */
const patternOf = (template: string) => new RegExp(`^${template.split(/\{[^}]+\}/).map(escapeRegExp).join('([^/]+)')}$`);
const isLiteral = (template: string) => !template.includes('{');

/** Method and path → operationId, from the contract's paths (templates such as /customer/{accountNumber} included). */
export function operationRoutes(spec: Paths) {
  const routes: { method: string; template: string; pattern: RegExp; operationId: string }[] = [];
  for (const [template, item] of Object.entries(spec.paths ?? {})) {
    const pattern = patternOf(template);
    for (const [method, operation] of Object.entries(item)) {
      const operationId = (operation as { operationId?: string } | undefined)?.operationId;
      if (operationId) routes.push({ method: method.toUpperCase(), template, pattern, operationId });
    }
  }
  // A literal path wins over a template that would also match it; literal paths are one look-up,
  // since every request asks (log line, metrics, journal).
  const literal = new Map<string, string>();
  for (const r of routes) if (isLiteral(r.template) && !literal.has(`${r.method} ${r.template}`)) literal.set(`${r.method} ${r.template}`, r.operationId);
  const templates = routes.filter((r) => !isLiteral(r.template));
  return (method: string, path: string): string | undefined => {
    const m = method === 'HEAD' ? 'GET' : method;
    return literal.get(`${m} ${path}`) ?? templates.find((r) => r.method === m && r.pattern.test(path))?.operationId;
  };
}

/** Path → the contract's path it is (a template, for /customer/123/current-prior-address), whatever the method. */
export function pathTemplates(spec: Paths) {
  const all = Object.keys(spec.paths ?? {});
  const literal = new Set(all.filter(isLiteral));
  const templates = all.filter((t) => !isLiteral(t)).map((template) => ({ template, pattern: patternOf(template) }));
  return (path: string): string | undefined => (literal.has(path) ? path : templates.find((t) => t.pattern.test(path))?.template);
}

/**
 * Template → a function reading its parameters from a path the template matches (decoded as
 * Express decodes them; a malformed escape throws URIError), or undefined for a literal template.
 */
export function pathParamReaders(spec: Paths) {
  const readers = new Map<string, (path: string) => Record<string, string>>();
  for (const template of Object.keys(spec.paths ?? {})) {
    if (isLiteral(template)) continue;
    const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
    const pattern = patternOf(template);
    readers.set(template, (path) => {
      const values = pattern.exec(path);
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = decodeURIComponent(values?.[i + 1] ?? '')));
      return params;
    });
  }
  return (template: string) => readers.get(template);
}
