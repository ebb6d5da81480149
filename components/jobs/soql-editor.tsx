"use client";
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from "react";
import { applySuggestion, filterSuggestions, soqlContext, type SoqlContext } from "@/lib/bulk-jobs/soql-suggest";

interface Props {
  orgConnectionId: string;
  value: string;
  onChange(value: string): void;
  id?: string;
}

interface Named {
  name: string;
  label?: string;
  type?: string;
}

async function getJson<T>(url: string): Promise<T | null> {
  const response = await fetch(url, { cache: "no-store" }).catch(() => null);
  return response?.ok ? ((await response.json()) as T) : null;
}

/**
 * A SOQL textarea that suggests objects after FROM and the FROM object's fields in SELECT / WHERE, from
 * the org's describe. Arrow keys move through the list, Enter or Tab takes the highlighted name, Escape closes it.
 */
export function SoqlEditor({ orgConnectionId, value, onChange, id }: Props) {
  const fallbackId = useId();
  const inputId = id ?? fallbackId;
  const listId = `${inputId}-suggestions`;
  const ref = useRef<HTMLTextAreaElement>(null);
  const [objects, setObjects] = useState<Named[]>([]);
  const [fields, setFields] = useState<Record<string, Named[]>>({});
  const [context, setContext] = useState<SoqlContext | null>(null);
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [estimate, setEstimate] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void getJson<{ objects: (Named & { queryable?: boolean })[] }>(`/api/orgs/${encodeURIComponent(orgConnectionId)}/objects`).then((body) => {
      if (!live) return;
      if (!body) setProblem("Object suggestions are unavailable: the org's object list could not be read.");
      else setObjects(body.objects.filter((o) => o.queryable !== false));
    });
    return () => {
      live = false;
    };
  }, [orgConnectionId]);

  const object = context?.object ?? null;
  const known = object ? objects.find((o) => o.name.toLowerCase() === object.toLowerCase())?.name : undefined;
  useEffect(() => {
    if (!known || fields[known]) return;
    void getJson<{ fields: Named[] }>(`/api/orgs/${encodeURIComponent(orgConnectionId)}/objects/${encodeURIComponent(known)}`).then((body) => {
      setFields((current) => ({ ...current, [known]: body?.fields ?? [] }));
    });
  }, [known, fields, orgConnectionId]);

  const suggestions = useMemo(() => {
    if (!context?.kind || dismissed) return [];
    const pool = context.kind === "object" ? objects : known ? (fields[known] ?? []) : [];
    const found = filterSuggestions(pool, context.prefix);
    // A word already typed out in full needs no list.
    return found.length === 1 && found[0].name === context.prefix ? [] : found;
  }, [context, dismissed, objects, fields, known]);
  const open = suggestions.length > 0;

  function track(text: string, cursor: number) {
    setContext(soqlContext(text, cursor));
    setActive(0);
  }

  function accept(index: number) {
    const element = ref.current;
    const chosen = suggestions[index];
    if (!element || !context || !chosen) return;
    const next = applySuggestion(value, context, element.selectionStart, chosen.name);
    onChange(next.text);
    requestAnimationFrame(() => {
      element.setSelectionRange(next.cursor, next.cursor);
      track(next.text, next.cursor);
    });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((current) => (current + step + suggestions.length) % suggestions.length);
    } else if (event.key === "Enter" || event.key === "Tab") {
      event.preventDefault();
      accept(active);
    } else if (event.key === "Escape") {
      event.preventDefault();
      setDismissed(true);
    }
  }

  async function countRows() {
    setEstimate("Counting…");
    const url = `/api/orgs/${encodeURIComponent(orgConnectionId)}/query-count?soql=${encodeURIComponent(value)}`;
    const response = await fetch(url, { cache: "no-store" }).catch(() => null);
    const body = (await response?.json().catch(() => null)) as { count?: number | null; reason?: string; error?: { message?: string } } | null;
    if (typeof body?.count === "number") setEstimate(`About ${body.count.toLocaleString("en-US")} rows.`);
    else setEstimate(body?.reason ?? body?.error?.message ?? "The row count could not be estimated.");
  }

  return (
    <div className="relative">
      <textarea
        ref={ref}
        id={inputId}
        value={value}
        rows={5}
        spellCheck={false}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open ? `${listId}-${active}` : undefined}
        onChange={(event) => {
          onChange(event.target.value);
          setDismissed(false);
          track(event.target.value, event.target.selectionStart);
        }}
        onKeyDown={onKeyDown}
        onClick={(event) => track(value, event.currentTarget.selectionStart)}
        onBlur={() => setDismissed(true)}
        className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
      />
      <ul id={listId} role="listbox" aria-label="Suggestions" hidden={!open} className="absolute z-10 mt-1 max-h-60 w-full max-w-md overflow-auto rounded-md border border-slate-200 bg-white text-sm shadow-lg">
        {suggestions.map((item, index) => (
          <li
            key={item.name}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            // mousedown, not click: the textarea must keep its focus and cursor.
            onMouseDown={(event) => {
              event.preventDefault();
              accept(index);
            }}
            className={`cursor-pointer px-3 py-1.5 ${index === active ? "bg-brand-50 text-brand-700" : ""}`}
          >
            <span className="font-mono">{item.name}</span>
            {item.label && item.label !== item.name ? <span className="ml-2 text-slate-500">{item.label}</span> : null}
            {item.type ? <span className="ml-2 text-xs text-slate-400">{item.type}</span> : null}
          </li>
        ))}
      </ul>
      {problem ? <p className="mt-1 text-sm text-amber-800">{problem}</p> : null}
      <p className="mt-1 text-xs text-slate-500">Suggestions: objects after FROM, fields after SELECT and WHERE. ↑ ↓ to choose, Enter or Tab to insert, Esc to close.</p>
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => void countRows()} disabled={!value.trim()} className="text-sm text-brand-700 underline disabled:text-slate-400 disabled:no-underline">
          Estimate the row count
        </button>
        <p role="status" className="text-sm text-slate-700">
          {estimate}
        </p>
      </div>
    </div>
  );
}
