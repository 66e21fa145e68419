import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { request as httpRequest, type IncomingMessage } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isForbiddenTarget } from "~/domain/webhooks";

export type PostResult =
  | { ok: true; status: number }
  | { ok: false; status: number | null; error: string; endpointDown: boolean };

const PRIVATE_TARGET = "EPRIVATETARGET";

/**
 * A DNS lookup that refuses private and local addresses. The connection uses the addresses
 * checked here, so a name cannot pass the check and then resolve elsewhere when connecting
 * (DNS rebinding).
 */
export function guardedLookup(opts: { allowLoopback: boolean }): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
      if (error) return callback(error, "", 4);
      const forbidden = addresses.find((a) => isForbiddenTarget(a.address, opts));
      if (forbidden || addresses.length === 0) {
        const refusal = Object.assign(
          new Error(`${hostname} is a private or local address; webhooks go to the internet.`),
          { code: PRIVATE_TARGET },
        );
        return callback(refusal, "", 4);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * One POST: no redirects followed (a 3xx is a failure, so an endpoint cannot bounce us to an
 * internal address), connected only to addresses that passed `guardedLookup`, a short timeout,
 * and the answer's body never read.
 */
export function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  opts: { allowLoopback: boolean; timeoutMs: number },
): Promise<PostResult> {
  return new Promise((resolve) => {
    const target = new URL(url);
    const send = target.protocol === "https:" ? httpsRequest : httpRequest;
    const request = send(
      target,
      {
        method: "POST",
        headers: {
          "Content-Type": "application/json",
          "Content-Length": Buffer.byteLength(body),
          "User-Agent": "incident-portal-webhooks/1",
          ...headers,
        },
        lookup: guardedLookup(opts),
        signal: AbortSignal.timeout(opts.timeoutMs),
      },
      (res: IncomingMessage) => {
        // The answer's content is not ours to read: drop it without downloading it.
        res.destroy();
        const status = res.statusCode ?? 0;
        if (status >= 200 && status < 300) return resolve({ ok: true, status });
        const endpointDown = status >= 500 || status === 429 || status === 408;
        const error =
          status >= 300 && status < 400
            ? `Redirect to elsewhere (${status}); redirects are not followed.`
            : `The endpoint answered ${status}.`;
        resolve({ ok: false, status, error, endpointDown });
      },
    );
    request.on("error", (error: Error & { code?: string }) => {
      if (error.code === PRIVATE_TARGET) {
        // Not the endpoint being down: the address is refused until an admin changes it.
        return resolve({ ok: false, status: null, error: error.message, endpointDown: false });
      }
      const reason =
        error.name === "AbortError" || error.name === "TimeoutError"
          ? `No answer within ${Math.round(opts.timeoutMs / 1000)} s.`
          : `Not reached: ${error.code ?? error.message}`.slice(0, 300);
      resolve({ ok: false, status: null, error: reason, endpointDown: true });
    });
    request.end(body);
  });
}
