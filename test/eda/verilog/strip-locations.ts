/** A copy of a syntax tree without source positions, for comparing trees from different texts. */
export function withoutLocations(tree: unknown): unknown {
  return JSON.parse(JSON.stringify(tree, (key, value: unknown) => (key === 'loc' || key === 'file' || key === 'rowLines' ? undefined : value)));
}
