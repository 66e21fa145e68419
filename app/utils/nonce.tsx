import { createContext, useContext, type ReactNode } from "react";

// The Content-Security-Policy nonce of this response (server.ts makes one per request and
// sends it in the header). Remix's inline scripts carry it; in the browser it is "" because
// the scripts have already run.
const NonceContext = createContext("");

export function NonceProvider({ value, children }: { value: string; children: ReactNode }) {
  return <NonceContext.Provider value={value}>{children}</NonceContext.Provider>;
}

export function useNonce(): string {
  return useContext(NonceContext);
}
