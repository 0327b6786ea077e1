import { expect, type APIRequestContext } from "@playwright/test";
import { API_KEY } from "./env";

// Test data made through API v1 with the deployment key: quicker than the screens, for the things a
// spec needs to exist but does not test.

const auth = { authorization: `Bearer ${API_KEY}` };

/** Adds a customer; returns its id. */
export async function apiCreateCustomer(request: APIRequestContext, name: string): Promise<string> {
  const response = await request.post("/api/v1/customers", { headers: auth, data: { name } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

/** Stores a credential (of the organization without customerId); returns its id. */
export async function apiCreateCredential(
  request: APIRequestContext,
  credential: { label: string; authMethod: string; customerId?: string; values: Record<string, string> },
): Promise<string> {
  const response = await request.post("/api/v1/credentials", { headers: auth, data: credential });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: string }).id;
}
