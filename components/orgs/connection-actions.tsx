"use client";
import { useActionState } from "react";
import { SubmitButton } from "@/components/ui/button";
import { Notice } from "@/components/ui/notice";
import { disconnectAction, reconnectAction, testConnectionAction } from "@/lib/orgs/actions";

interface Props {
  connectionId: string;
  label: string;
  canTest: boolean;
  canManage: boolean;
  needsReconnect: boolean;
}

export function ConnectionActions({ connectionId, label, canTest, canManage, needsReconnect }: Props) {
  const [testState, test] = useActionState(testConnectionAction, {});
  const [reconnectState, reconnect] = useActionState(reconnectAction, {});
  const [disconnectState, disconnect] = useActionState(disconnectAction, {});
  const message = testState.message ?? reconnectState.message ?? disconnectState.message;
  const ok = testState.message ? testState.ok : reconnectState.message ? reconnectState.ok : disconnectState.ok;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canTest ? (
          <form action={test}>
            <input type="hidden" name="connectionId" value={connectionId} />
            <SubmitButton variant="secondary" pendingLabel="Testing…" aria-label={`Test connection ${label}`}>
              Test connection
            </SubmitButton>
          </form>
        ) : null}
        {canManage ? (
          <form action={reconnect}>
            <input type="hidden" name="connectionId" value={connectionId} />
            <SubmitButton variant={needsReconnect ? "primary" : "secondary"} pendingLabel="Reconnecting…" aria-label={`Reconnect ${label}`}>
              Reconnect
            </SubmitButton>
          </form>
        ) : null}
        {canManage ? (
          <form
            action={disconnect}
            onSubmit={(event) => {
              if (!window.confirm(`Disconnect “${label}”? Its token is revoked at Salesforce.`)) event.preventDefault();
            }}
          >
            <input type="hidden" name="connectionId" value={connectionId} />
            <SubmitButton variant="danger" pendingLabel="Disconnecting…" aria-label={`Disconnect ${label}`}>
              Disconnect
            </SubmitButton>
          </form>
        ) : null}
      </div>
      {message ? <Notice tone={ok ? "success" : "error"}>{message}</Notice> : null}
    </div>
  );
}
