import { PageHeader } from "@/components/ui/page-header";
import { ParseForm } from "@/components/capture/parse-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { FORMAT_NAMES } from "@/lib/parse/formats";

export const dynamic = "force-dynamic";
export const metadata = { title: "Read a capture" };

export default async function ParsePage() {
  await requirePageUser("viewer");
  return (
    <>
      <PageHeader
        title="Read a capture"
        description="Paste a status output from a ticket or a terminal; the panel reads it with the parsers its dashboard uses. Nothing is stored."
      />
      <ParseForm formats={FORMAT_NAMES} />
    </>
  );
}
