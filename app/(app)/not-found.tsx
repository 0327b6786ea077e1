import { StatusPage } from "@/components/shell/status-page";

// What notFound() shows inside the app (404): in the shell, so the navigation stays at hand.
export default function AppNotFound() {
  return (
    <StatusPage code="404" title="Not found">
      It may have been deleted, or it belongs to another organization or customer.
    </StatusPage>
  );
}
