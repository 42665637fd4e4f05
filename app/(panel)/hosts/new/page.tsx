import { PageHeader } from "@/components/ui/page-header";
import { AddHostForm } from "@/components/hosts/add-host-form";
import { requirePageUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata = { title: "Add host" };

export default async function NewHostPage() {
  await requirePageUser("admin");
  const clusters = await db.cluster.findMany({ orderBy: { name: "asc" }, select: { id: true, name: true } });
  return (
    <>
      <PageHeader title="Add host" description="The panel fetches the host's SSH key; nothing is trusted or sent to the host until you confirm it." />
      <AddHostForm clusters={clusters} />
    </>
  );
}
