import { formatUtc } from "@/components/ui/format";

interface BatchRow {
  id: string | null;
  state: string;
  stateMessage: string | null;
  numberRecordsProcessed: number | null;
  numberRecordsFailed: number | null;
  createdDate: Date | string | null;
  systemModstamp: Date | string | null;
  totalProcessingTime: number | bigint | null;
  apiActiveProcessingTime: number | bigint | null;
  apexProcessingTime: number | bigint | null;
}

const HEADERS = ["Batch", "State", "State message", "Processed", "Failed", "Created", "System modstamp", "Total ms", "API active ms", "Apex ms"];
const cell = (value: unknown) => (value === null || value === undefined ? "—" : String(value));

/** sfbulk's batch_status fields, one row per v1 batch or v2 job. */
export function BatchTable({ batches }: { batches: BatchRow[] }) {
  if (batches.length === 0) return <p className="text-sm text-slate-600">Nothing sent to Salesforce yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Batches</caption>
        <thead className="bg-slate-50 text-xs uppercase text-slate-600">
          <tr>
            {HEADERS.map((label) => (
              <th key={label} scope="col" className="px-3 py-2 font-medium whitespace-nowrap">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {batches.map((batch, index) => (
            <tr key={batch.id ?? index} data-testid="batch-row">
              <td className="px-3 py-2 font-mono text-xs">{cell(batch.id)}</td>
              <td className="px-3 py-2">{batch.state}</td>
              <td className="px-3 py-2">{cell(batch.stateMessage)}</td>
              <td className="px-3 py-2 tabular-nums">{cell(batch.numberRecordsProcessed)}</td>
              <td className="px-3 py-2 tabular-nums">{cell(batch.numberRecordsFailed)}</td>
              <td className="px-3 py-2 whitespace-nowrap">{batch.createdDate ? formatUtc(batch.createdDate) : "—"}</td>
              <td className="px-3 py-2 whitespace-nowrap">{batch.systemModstamp ? formatUtc(batch.systemModstamp) : "—"}</td>
              <td className="px-3 py-2 tabular-nums">{cell(batch.totalProcessingTime)}</td>
              <td className="px-3 py-2 tabular-nums">{cell(batch.apiActiveProcessingTime)}</td>
              <td className="px-3 py-2 tabular-nums">{cell(batch.apexProcessingTime)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
