"use server";

import { cookies } from "next/headers";
import { z } from "zod";
import { action } from "@/lib/actions/action";
import { GETTING_STARTED_COOKIE } from "@/lib/organizations/getting-started-cookie";

// Hides the dashboard's getting-started checklist for this browser (a preference, not data).
export const dismissGettingStartedAction = action(
  { schema: z.object({}), permission: "organization:read" },
  async (_input, { user }) => {
    (await cookies()).set(GETTING_STARTED_COOKIE, user.organizationId, {
      httpOnly: true,
      sameSite: "lax",
      path: "/",
      maxAge: 60 * 60 * 24 * 365,
    });
    return { dismissed: true };
  },
);
