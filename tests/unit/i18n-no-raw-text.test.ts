import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

// The translated pages and components show no words of their own: every text node and every
// text attribute (label, hint, legend, placeholder, aria-label, title, alt) comes from t(…).
// Pages not yet translated are listed in README ("Languages") and are not checked here.

const ROOT = path.resolve(import.meta.dirname, "../..");

export const TRANSLATED_FILES = [
  "app/root.tsx",
  "app/components/site-header.tsx",
  "app/components/status-badge.tsx",
  "app/components/timeline.tsx",
  "app/components/ui/field.tsx",
  "app/components/ui/checkbox-group.tsx",
  "app/components/report-form/account-combobox.tsx",
  "app/components/report-form/people-picker.tsx",
  "app/routes/_index.tsx",
  "app/routes/login.tsx",
  "app/routes/login_.forgot.tsx",
  "app/routes/reports.new.tsx",
  "app/routes/reports._index.tsx",
  "app/routes/reports.$reference.tsx",
  "app/routes/account.tsx",
  "emails/layout.tsx",
  "emails/simple-email.tsx",
  // Leadership's pages: the dashboard, its charts and the customer accounts.
  "app/routes/dashboard.tsx",
  "app/components/charts/abuse-value-chart.tsx",
  "app/components/charts/bar-charts.tsx",
  "app/components/charts/client-only.tsx",
  "app/routes/accounts._index.tsx",
  "app/routes/accounts.$id.tsx",
  "app/routes/accounts.$id_.edit.tsx",
  "app/routes/accounts.$id_.contacts.$contactId.tsx",
  "app/routes/accounts.import.tsx",
];

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

  it.each(TRANSLATED_FILES)("%s", (file) => {
    expect(rawTexts(readFileSync(path.join(ROOT, file), "utf8"), file)).toEqual([]);
  });
});
