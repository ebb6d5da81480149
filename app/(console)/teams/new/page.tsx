import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { CreateTeamForm } from "@/components/teams/team-settings-forms";
import { Card } from "@/components/ui/notice";
import { getSessionUser } from "@/lib/auth";

export const metadata: Metadata = { title: "New team" };
export const dynamic = "force-dynamic";

export default async function NewTeamPage() {
  if (!(await getSessionUser())) redirect("/sign-in?callbackUrl=%2Fteams%2Fnew");
  return (
    <div className="mx-auto max-w-lg space-y-6">
      <h1 className="text-2xl font-semibold tracking-tight">Create a team</h1>
      <Card title="New team" description="You will be its owner. To join an existing team instead, open the invite link an admin sent you.">
        <CreateTeamForm />
      </Card>
    </div>
  );
}
