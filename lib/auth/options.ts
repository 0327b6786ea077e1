import "server-only";
import { log } from "@/lib/log";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getDb } from "@/db/client";
import { env } from "@/lib/env";
import { requestAddress } from "@/lib/net/request-address";
import { authSecret } from "./secret";
import { endServerSession, isServerSessionLive, openServerSession, SessionEndedError } from "./server-sessions";
import { signInWithPassword } from "./sign-in";

const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

// next-auth v4 builds its redirects from NEXTAUTH_URL and otherwise assumes http://localhost:3000;
// Latchkey's public URL is LATCHKEY_URL (default http://localhost:$PORT), so hand it over.
process.env.NEXTAUTH_URL ??= env.baseUrl;

// Sessions are JWTs that carry only who the user is and the id of its server-side session row
// (lib/auth/server-sessions.ts); every read checks the row and re-reads the user, so a sign-out, a
// removed member or a changed role takes effect at once.
export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  providers: [
    CredentialsProvider({
      name: "E-mail and password",
      credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        const db = await getDb();
        // A SignInError's message reaches the form as it is (next-auth passes it back as `error`).
        const user = await signInWithPassword(db, credentials, requestAddress(req?.headers));
        return { id: user.id, email: user.email, name: user.name };
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      const db = await getDb();
      if (user) {
        token.uid = user.id;
        token.sid = await openServerSession(db, user.id, SESSION_MAX_AGE_SECONDS);
        return token;
      }
      if (!(await isServerSessionLive(db, token))) throw new SessionEndedError();
      return token;
    },
    session({ session, token }) {
      if (session.user && typeof token.uid === "string") session.user.id = token.uid;
      return session;
    },
  },
  events: {
    async signOut({ token }) {
      await endServerSession(await getDb(), token);
    },
  },
  logger: {
    // An ended session is expected (next-auth logs the jwt callback's error and clears the cookie);
    // anything else is logged as next-auth would, without the attached data.
    error(code, metadata) {
      if (metadata instanceof Error && metadata.name === "SessionEndedError") return;
      const message =
        metadata instanceof Error ? metadata.message : ((metadata as { message?: string } | undefined)?.message ?? "");
      log.error({ component: "next-auth", code }, `next-auth error ${code}: ${message}`);
    },
  },
};
