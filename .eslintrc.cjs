/** @type {import('eslint').Linter.Config} */
module.exports = {
  root: true,
  extends: ["@remix-run/eslint-config", "@remix-run/eslint-config/node"],
  settings: { "import/resolver": { typescript: { project: "./tsconfig.json" } } },
  rules: {
    "@typescript-eslint/no-unused-vars": [
      "error",
      { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
    ],
  },
  overrides: [
    {
      files: ["tests/**/*.ts"],
      rules: { "testing-library/prefer-screen-queries": "off" },
    },
  ],
};
