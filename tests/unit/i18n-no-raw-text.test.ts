import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// Pages, components and mails show no words of their own: every text node and every text
// attribute (label, hint, legend, placeholder, aria-label, title, alt) comes from t(…).
// Every .tsx file under these roots is checked, except route files with no page (no default
// export: API, SCIM, resource, CSV and download routes, health check). There are no exceptions:
// a new page is translated when it is written.

const ROOT = path.resolve(import.meta.dirname, "../..");
const CHECKED = ["app/root.tsx", "app/routes", "app/components", "emails"];

function tsxFiles(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!statSync(full).isDirectory()) return entry.endsWith(".tsx") ? [entry] : [];
  return readdirSync(full)
    .sort()
    .flatMap((name) => tsxFiles(path.posix.join(entry, name)));
}

/** A route file renders a page when it has a default export (its component). */
export function hasPage(source: string): boolean {
  return /^export default\b|^export \{[^}]*\bas default\b/m.test(source);
}

const source = (file: string) => readFileSync(path.join(ROOT, file), "utf8");

/** Every file the rule applies to: components and mails, and route files with a page. */
export const CHECKED_FILES = CHECKED.flatMap(tsxFiles).filter(
  (file) => !file.startsWith("app/routes/") || hasPage(source(file)),
);

const TEXT_ATTRIBUTES = new Set([
  "label",
  "hint",
  "legend",
  "placeholder",
  "aria-label",
  "title",
  "alt",
]);

/** Words: two letters in a row (a lone "·" or "," between values is not text). */
const WORDS = /\p{L}{2,}/u;

/** Raw text in a TSX source: JSX text, text attributes, and string literals shown as children. */
export function rawTexts(source: string, fileName = "page.tsx"): string[] {
  const file = ts.createSourceFile(
    fileName,
    source,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TSX,
  );
  const found: string[] = [];
  const literalsShown = (node: ts.Node) => {
    // String literals inside a {…} child or a text attribute's {…}, except as arguments to a
    // call (t("key"), vocabLabel(t, "list", v)) or in a comparison (status === "ARRANGED").
    const visit = (n: ts.Node) => {
      // Calls are t("key") and friends; JSX inside is walked as JSX.
      if (ts.isCallExpression(n) || ts.isJsxElement(n) || ts.isJsxSelfClosingElement(n)) return;
      if (ts.isJsxFragment(n)) return;
      if (ts.isBinaryExpression(n) && /={2,3}|!={1,2}/.test(n.operatorToken.getText())) return;
      if (ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n)) {
        if (WORDS.test(n.text)) found.push(n.text);
        return;
      }
      if (ts.isTemplateExpression(n)) {
        const parts = [n.head.text, ...n.templateSpans.map((s) => s.literal.text)].join(" ").trim();
        if (WORDS.test(parts)) found.push(parts);
      }
      ts.forEachChild(n, visit);
    };
    visit(node);
  };
  const walk = (node: ts.Node) => {
    if (ts.isJsxText(node)) {
      const text = node.text.trim();
      if (WORDS.test(text)) found.push(text);
    } else if (ts.isJsxAttribute(node)) {
      const name = node.name.getText();
      if (TEXT_ATTRIBUTES.has(name) && node.initializer) {
        if (ts.isStringLiteral(node.initializer)) {
          if (WORDS.test(node.initializer.text)) found.push(node.initializer.text);
        } else if (ts.isJsxExpression(node.initializer) && node.initializer.expression) {
          literalsShown(node.initializer.expression);
        }
      }
      return;
    } else if (
      ts.isJsxExpression(node) &&
      node.expression &&
      (ts.isJsxElement(node.parent) || ts.isJsxFragment(node.parent))
    ) {
      literalsShown(node.expression);
    }
    ts.forEachChild(node, walk);
  };
  walk(file);
  return found;
}

describe("translated pages have no raw text", () => {
  it("the check finds raw text", () => {
    expect(
      rawTexts(`export const A = () => (
        <div>
          <h1>Report an incident</h1>
          <Field label="Customer account" hint={t("report.accountHint")} />
          <p>{sending ? "Sending…" : t("report.send")}</p>
          <p>{\`\${count} files\`}</p>
          <input placeholder={"Type a name"} className="mt-2 flex" />
          <span>{r.answer === "ARRANGED" ? t("a.b") : t("c.d")}</span> ·{" "}
        </div>
      );`),
    ).toEqual(["Report an incident", "Customer account", "Sending…", "files", "Type a name"]);
  });

  it("tells a page from a route with no page", () => {
    expect(hasPage("export default function Queue() {}")).toBe(true);
    expect(hasPage("export default SsoProblemPage;")).toBe(true);
    expect(hasPage("export { Page as default };")).toBe(true);
    expect(hasPage("export async function loader() {}")).toBe(false);
    expect(CHECKED_FILES).toContain("app/routes/reports.new.tsx");
    expect(CHECKED_FILES).toContain("app/components/ui/field.tsx");
    expect(CHECKED_FILES).toContain("emails/layout.tsx");
    expect(CHECKED_FILES).not.toContain("app/routes/api.v1.accounts._index.tsx");
    expect(CHECKED_FILES).not.toContain("app/routes/hr.cases.csv.tsx");
  });

  it.each(CHECKED_FILES)("%s", (file) => {
    expect(rawTexts(source(file), file)).toEqual([]);
  });
});
