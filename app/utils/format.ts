// Display helpers shared by server and browser. Dates are shown in the viewer's locale
// style but a fixed time zone on the server render, so hydration never disagrees.

export function formatDateTime(iso: string | Date, timeZone = "Europe/London"): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("en-GB", {
    dateStyle: "medium",
    timeStyle: "short",
    timeZone,
  }).format(d);
}

export function formatDate(iso: string | Date, timeZone = "Europe/London"): string {
  const d = typeof iso === "string" ? new Date(iso) : iso;
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone }).format(d);
}
