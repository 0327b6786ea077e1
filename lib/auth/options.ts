import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { authSecret } from "./secret";
import { signInWithPassword } from "./sign-in";

// next-auth v4 builds its redirects from NEXTAUTH_URL and otherwise assumes http://localhost:3000;
// Latchkey's public URL is LATCHKEY_URL (default http://localhost:$PORT), so hand it over.
process.env.NEXTAUTH_URL ??= env.baseUrl;

/** The caller's address as the first proxy saw it. */
function clientAddress(headers: Record<string, unknown> | undefined): string {
  const forwarded = headers?.["x-forwarded-for"];
  const first = typeof forwarded === "string" ? forwarded.split(",")[0]?.trim() : undefined;
  const real = headers?.["x-real-ip"];
  return first || (typeof real === "string" ? real : "") || "unknown";
}

// Sessions are JWTs that carry only who the user is; every request re-reads the user, so a removed
// member or a changed role takes effect at once.
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const db = await getDb();
        // A SignInError's message reaches the form as it is (next-auth passes it back as `error`).
        const user = await signInWithPassword(db, credentials, clientAddress(req?.headers));
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
};
