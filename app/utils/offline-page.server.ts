import type { TFunction } from "i18next";

// The page the service worker shows for a page that needs a connection when there is none
// (decision 108). It is plain HTML with no script and no loader data, so it makes sense at any
// address; the service worker keeps the copy in the person's language (public/sw.js).

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function offlinePageHtml(t: TFunction, language: string): string {
  return `<!doctype html>
<html lang="${escape(language)}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="theme-color" content="#14473f" />
    <title>${escape(t("common.title", { page: t("offline.pageTitle") }))}</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <style>
      body {
        margin: 0;
        font-family: system-ui, sans-serif;
        color: #0f172a;
        background: #f8fafc;
        line-height: 1.5;
      }
      header {
        background: #14473f;
        color: #fff;
        padding: 0.75rem 1rem;
        font-weight: 600;
      }
      main {
        max-width: 36rem;
        margin: 0 auto;
        padding: 2rem 1rem;
        overflow-wrap: anywhere;
      }
      a.button {
        display: inline-block;
        margin-top: 1rem;
        padding: 0.75rem 1.25rem;
        border-radius: 0.375rem;
        background: #195a55;
        color: #fff;
        font-weight: 600;
        text-decoration: none;
      }
      a.button:focus-visible {
        outline: 3px solid #0f172a;
        outline-offset: 2px;
      }
      a.plain {
        color: #195a55;
      }
    </style>
  </head>
  <body>
    <header>${escape(t("common.portal"))}</header>
    <main id="main">
      <h1>${escape(t("offline.pageHeading"))}</h1>
      <p>${escape(t("offline.pageText"))}</p>
      <p><a class="button" href="/reports/new">${escape(t("offline.pageReport"))}</a></p>
      <p><a class="plain" href="">${escape(t("offline.pageRetry"))}</a></p>
    </main>
  </body>
</html>
`;
}
