"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { buttonClass } from "@/components/ui/button-class";
import { signOutEverywhereAction } from "@/lib/teams/actions";

export function SignOutButtons() {
  const [pending, setPending] = useState(false);
  return (
    <div className="flex gap-2">
      <button type="button" className={`${buttonClass("secondary")} py-1.5`} onClick={() => void signOut({ callbackUrl: "/sign-in" })}>
        Sign out
      </button>
      <button
        type="button"
        disabled={pending}
        title="Ends your sessions on every device and browser"
        className={`${buttonClass("secondary")} py-1.5`}
        onClick={async () => {
          setPending(true);
          await signOutEverywhereAction();
          await signOut({ callbackUrl: "/sign-in" });
        }}
      >
        Sign out everywhere
      </button>
    </div>
  );
}
