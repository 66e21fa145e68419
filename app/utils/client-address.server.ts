import type { AppLoadContext } from "@remix-run/node";

// server.ts puts the client's address in the load context (Express's req.ip, which honours
// TRUST_PROXY). Tests that call actions directly have none: they share one "unknown" address.

declare module "@remix-run/node" {
  interface AppLoadContext {
    clientAddress?: string;
  }
}

export function clientAddress(context: AppLoadContext | undefined): string {
  const a = context?.clientAddress;
  return typeof a === "string" && a.length > 0 && a.length <= 100 ? a : "unknown";
}
