import { generateKeyPairSync } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { importPKCS8, SignJWT } from "jose";
import { api } from "./screens";

// An embedding partner in the specs: its key pair registered through the API, and its server's
// signing of embedded sign-in tokens.

/** A partner's key pair registered through the API, and a function signing embedded sign-in tokens with it. */
export async function partnerSigner(request: APIRequestContext, id: string) {
  const keys = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const publicKeyPem = keys.publicKey.export({ type: "spki", format: "pem" }).toString();
  const registered = await api(request, "post", "/api/v1/organization/signing-keys", {
    label: `E2E partner ${id}`,
    publicKeyPem,
  });
  const kid = String(registered.keyId);
  const key = await importPKCS8(keys.privateKey.export({ type: "pkcs8", format: "pem" }).toString(), "RS256");
  return (customerExternalId: string, customerName: string) =>
    new SignJWT({
      customer: customerExternalId,
      customer_name: customerName,
      name: `Partner user ${id}`,
      role: "member",
    })
      .setProtectedHeader({ alg: "RS256", kid })
      .setSubject(`partner-user-${id}`)
      .setAudience("demo")
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(`e2e-${id}-${Math.random().toString(36).slice(2)}`)
      .sign(key);
}
