// The module specifiers a source file names, read with the TypeScript parser (no module is loaded):
// for the import rule (every import, type-only and dynamic ones too) and for what a command loads
// at start (the imports Node evaluates: static value imports, re-exports, a CommonJS file's require).
import { readFileSync } from 'node:fs';
import ts from 'typescript';

export type ImportKind = 'import' | 'type' | 'dynamic' | 'require';

export interface ModuleReference {
  specifier: string;
  kind: ImportKind;
}

const typeOnlyImport = (d: ts.ImportDeclaration) => {
  const c = d.importClause;
  if (!c) return false; // `import 'x'`: a side effect
  if (c.isTypeOnly) return true;
  const named = c.namedBindings;
  return !c.name && named !== undefined && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly);
};

const typeOnlyExport = (d: ts.ExportDeclaration) =>
  d.isTypeOnly || (d.exportClause !== undefined && ts.isNamedExports(d.exportClause) && d.exportClause.elements.length > 0 && d.exportClause.elements.every((e) => e.isTypeOnly));

/** Every module `file` names: import and export declarations, `import('...')` calls and `require('...')` calls. */
export function moduleReferences(file: string): ModuleReference[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const out: ModuleReference[] = [];
  for (const s of source.statements) {
    if (ts.isImportDeclaration(s) && ts.isStringLiteral(s.moduleSpecifier)) out.push({ specifier: s.moduleSpecifier.text, kind: typeOnlyImport(s) ? 'type' : 'import' });
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && ts.isStringLiteral(s.moduleSpecifier)) out.push({ specifier: s.moduleSpecifier.text, kind: typeOnlyExport(s) ? 'type' : 'import' });
  }
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n) && n.arguments.length === 1 && ts.isStringLiteral(n.arguments[0])) {
      if (n.expression.kind === ts.SyntaxKind.ImportKeyword) out.push({ specifier: n.arguments[0].text, kind: 'dynamic' });
      if (ts.isIdentifier(n.expression) && n.expression.text === 'require') out.push({ specifier: n.arguments[0].text, kind: 'require' });
    }
    if (ts.isImportTypeNode(n) && ts.isLiteralTypeNode(n.argument) && ts.isStringLiteral(n.argument.literal)) out.push({ specifier: n.argument.literal.text, kind: 'type' });
    ts.forEachChild(n, visit);
  };
  visit(source);
  return out;
}

/** The modules Node loads when it evaluates `file` (static value imports and re-exports; a CommonJS file's require calls). */
export function loadedAtStart(file: string): ModuleReference[] {
  return moduleReferences(file).filter((r) => r.kind === 'import' || (r.kind === 'require' && file.endsWith('.cjs')));
}
