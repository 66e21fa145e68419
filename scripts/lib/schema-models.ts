// The part of a Prisma schema that must be identical across providers: everything except
// the generator and datasource blocks, with comments dropped and whitespace normalised, so
// column alignment or a comment never counts as a difference.

export function modelsOf(schemaText: string): string {
  return (
    schemaText
      // Drop `//` and `///` comments, but not `//` inside a string such as @default("http://…").
      .replace(/"(?:[^"\\\n]|\\.)*"|\/\/.*$/gm, (m) => (m.startsWith('"') ? m : ""))
      // generator/datasource blocks hold only key = value lines, so they never nest braces.
      .replace(/^\s*(?:generator|datasource)\s+\w+\s*\{[^}]*\}/gm, "")
      .split("\n")
      .map((line) => line.trim().replace(/\s+/g, " "))
      .filter((line) => line !== "")
      .join("\n")
  );
}
