interface StatusBadgeProps {
  label: string;
  state: "up" | "down";
}

export function StatusBadge({ label, state }: StatusBadgeProps) {
  const up = state === "up";
  return (
    <span
      role="status"
      className={`inline-flex shrink-0 items-center gap-2 rounded-full px-3 py-1 text-sm font-medium ${
        up ? "bg-emerald-50 text-emerald-800" : "bg-red-50 text-red-800"
      }`}
    >
      <span aria-hidden className={`h-2 w-2 rounded-full ${up ? "bg-emerald-500" : "bg-red-500"}`} />
      {label} {up ? "up" : "down"}
    </span>
  );
}
