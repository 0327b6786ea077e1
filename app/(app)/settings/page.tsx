import { redirect } from "next/navigation";

// GET /settings - opens the first tab
export default function SettingsPage() {
  redirect("/settings/team");
}
