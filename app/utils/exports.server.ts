// Downloads that write to the case timeline (EXPORTED events) are POSTs from a button. A GET
// on their address, e.g. a link on another site followed with our cookie, is answered 405 and
// changes nothing.
export function exportByPostOnly(): Response {
  return new Response(
    "Exports are downloaded with the button on the case page or the case list, not by a link.",
    { status: 405, headers: { Allow: "POST", "Content-Type": "text/plain; charset=utf-8" } },
  );
}
