import "server-only";
import { lookup } from "node:dns/promises";
import { isIP } from "node:net";
import { env } from "@/lib/env";
import { isNonPublicAddress } from "@/lib/outbound/address-policy";
import { outboundUrlProblem } from "@/lib/outbound/fetch";

// An endpoint URL is checked when it is saved, not at its first delivery (issue 15, Bad input): the
// outbound rules (https, no credentials in it) and, outside development, that its host resolves
// to public addresses only. The delivery checks the address again when it connects.

/** Why a webhook URL may not be saved, or null when it may. */
export async function webhookUrlProblem(
  raw: string,
  allowPrivateNetwork = env.allowPrivateNetwork,
): Promise<string | null> {
  const problem = outboundUrlProblem(raw, allowPrivateNetwork);
  if (problem) return problem;
  if (allowPrivateNetwork) return null;
  const host = new URL(raw).hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isNonPublicAddress(host) ? "This address is private or reserved: use a public one" : null;
  try {
    const addresses = await lookup(host, { all: true });
    if (addresses.some((a) => isNonPublicAddress(a.address)))
      return `${host} resolves to a private or reserved address, which Latchkey does not call`;
    return null;
  } catch {
    return `${host} does not resolve: check the host name`;
  }
}
