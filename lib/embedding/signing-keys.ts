import "server-only";
import { audited } from "@/lib/audit/record";
import { and, asc, count, eq, or } from "drizzle-orm";
import { z } from "zod";
import { NO_CONTROL_MESSAGE, noControl } from "@/lib/validation/text";
import type { Db } from "@/db/client";
import { embeddingSigningKeys, organizations } from "@/db/schema";
import { isUniqueViolation } from "@/lib/db-errors";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { parsePublicKeyPem, PublicKeyError } from "./keys";
import type { KeyLookup } from "./verify";

// An organization's signing public keys: added from Settings → Embedding or the API, found by the
// verifier through a token's audience (and, inside it, its kid).

const MAX_KEYS = 10;

export const addSigningKeySchema = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, "Give the key a label, e.g. the partner and the year")
      .max(100, "Keep the label under 100 characters")
      .refine(noControl, NO_CONTROL_MESSAGE),
    publicKeyPem: z
      .string()
      .trim()
      .min(1, "Paste the PEM public key")
      .max(10_000, "A PEM public key is far shorter than this"),
  })
  .meta({ id: "SigningKeyInput" });

/** The API's input: the label is optional there (programs rotating keys seldom name them). */
export const apiSigningKeyInput = z
  .object({
    label: z
      .string()
      .trim()
      .min(1, "The label cannot be empty")
      .max(100, "Keep the label under 100 characters")
      .optional(),
    publicKeyPem: addSigningKeySchema.shape.publicKeyPem,
  })
  .strict()
  .meta({ id: "SigningKeyCreate" });

export const signingKeySchema = z
  .object({
    id: z.uuid(),
    label: z.string(),
    algorithm: z.enum(["RS256", "ES256"]),
    keyId: z.string(),
    fingerprint: z.string(),
    publicKeyPem: z.string(),
    createdAt: z.string(),
  })
  .meta({ id: "SigningKey" });
export type SigningKeyDto = z.infer<typeof signingKeySchema>;

const columns = {
  id: embeddingSigningKeys.id,
  label: embeddingSigningKeys.label,
  algorithm: embeddingSigningKeys.algorithm,
  keyId: embeddingSigningKeys.keyId,
  fingerprint: embeddingSigningKeys.fingerprint,
  publicKeyPem: embeddingSigningKeys.publicKeyPem,
  createdAt: embeddingSigningKeys.createdAt,
};

const toDto = (row: { createdAt: Date } & Omit<SigningKeyDto, "createdAt">): SigningKeyDto => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
});

/** The organization's signing keys, oldest first. */
export async function listSigningKeys(db: Db, organizationId: string): Promise<SigningKeyDto[]> {
  const rows = await db
    .select(columns)
    .from(embeddingSigningKeys)
    .where(eq(embeddingSigningKeys.organizationId, organizationId))
    .orderBy(asc(embeddingSigningKeys.createdAt));
  return rows.map(toDto);
}

/** Adds a public key; a private key, garbage, a duplicate or an eleventh key is refused at the field. */
export async function addSigningKey(
  db: Db,
  organizationId: string,
  input: z.infer<typeof addSigningKeySchema>,
  userId: string | null,
): Promise<SigningKeyDto> {
  const parsed = await parsePublicKeyPem(input.publicKeyPem).catch((error: unknown) => {
    if (error instanceof PublicKeyError)
      throw new ValidationError("This is not a usable public key", { publicKeyPem: error.message });
    throw error;
  });
  const [existing] = await db
    .select({ n: count() })
    .from(embeddingSigningKeys)
    .where(eq(embeddingSigningKeys.organizationId, organizationId));
  if ((existing?.n ?? 0) >= MAX_KEYS)
    throw new ValidationError("Too many keys", {
      publicKeyPem: `At most ${MAX_KEYS} keys: delete one that is no longer used first`,
    });
  try {
    const row = await audited(
      db,
      (r) => ({
        organizationId,
        action: "signing_key.created",
        target: { type: "signing_key", id: r.id, name: input.label ?? null },
        fields: ["publicKeyPem", ...(input.label ? ["label"] : [])],
      }),
      async (tx: Db) =>
        (
          await tx
            .insert(embeddingSigningKeys)
            .values({ organizationId, label: input.label, ...parsed, createdByUserId: userId })
            .returning(columns)
        )[0]!,
    );
    return toDto(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw new ConflictError("This key is already registered", {
        publicKeyPem: "This public key is already registered",
      });
    throw error;
  }
}

/** Deletes a key; tokens it signed are refused from then on. */
export async function deleteSigningKey(db: Db, organizationId: string, id: string): Promise<void> {
  await audited(
    db,
    { organizationId, action: "signing_key.deleted", target: { type: "signing_key", id } },
    async (tx: Db) => {
      const rows = await tx
        .delete(embeddingSigningKeys)
        .where(and(eq(embeddingSigningKeys.organizationId, organizationId), eq(embeddingSigningKeys.id, id)))
        .returning({ id: embeddingSigningKeys.id });
      if (rows.length === 0) throw new NotFoundError("No such signing key");
    },
  );
}

const candidateColumns = {
  id: embeddingSigningKeys.id,
  organizationId: embeddingSigningKeys.organizationId,
  organizationSlug: organizations.slug,
  algorithm: embeddingSigningKeys.algorithm,
  keyId: embeddingSigningKeys.keyId,
  publicKeyPem: embeddingSigningKeys.publicKeyPem,
};

/** Where the verifier finds keys in the database. */
export function databaseKeyLookup(db: Db): KeyLookup {
  return {
    byAudience: async (aud) => {
      // aud is an organization's id or its slug; a non-uuid never reaches the uuid column.
      const isId = z.uuid().safeParse(aud).success;
      const [org] = await db
        .select({ id: organizations.id })
        .from(organizations)
        .where(isId ? or(eq(organizations.id, aud), eq(organizations.slug, aud)) : eq(organizations.slug, aud))
        .limit(1);
      if (!org) return null;
      const keys = await db
        .select(candidateColumns)
        .from(embeddingSigningKeys)
        .innerJoin(organizations, eq(organizations.id, embeddingSigningKeys.organizationId))
        .where(eq(embeddingSigningKeys.organizationId, org.id))
        .limit(MAX_KEYS);
      return { organizationId: org.id, keys };
    },
  };
}
