"use client";
/** The team's saved mappings for this object: everyone can load one; admins save and delete. */
import { useEffect, useState } from "react";
import { Notice } from "@/components/ui/notice";
import { buttonClass } from "@/components/ui/button-class";
import type { SavedMappingJson } from "@/lib/mappings/schema";
import type { ObjectInfo } from "@/lib/preflight";
import { fromColumnMapping, toColumnMapping, type WizardMapping } from "./wizard-state";
import { errorText, fetchJson, INPUT, LABEL } from "./wizard-ui";

interface Props {
  object: ObjectInfo;
  headers: string[];
  value: WizardMapping;
  onLoad(value: WizardMapping): void;
}

const SMALL_INPUT = INPUT.replace("mt-1 ", "");

export function SavedMappings({ object, headers, value, onLoad }: Props) {
  const [saved, setSaved] = useState<SavedMappingJson[]>([]);
  const [canManage, setCanManage] = useState(false);
  const [selected, setSelected] = useState("");
  const [name, setName] = useState("");
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  // Bumped after a save or delete to list again.
  const [version, setVersion] = useState(0);
  const refresh = () => setVersion((v) => v + 1);

  useEffect(() => {
    let live = true;
    fetchJson<{ mappings: SavedMappingJson[]; canManage: boolean }>(`/api/mappings?object=${encodeURIComponent(object.name)}`).then(
      (body) => {
        if (!live) return;
        setSaved(body.mappings);
        setCanManage(body.canManage);
      },
      (error: unknown) => live && setMessage({ tone: "error", text: errorText(error) }),
    );
    return () => {
      live = false;
    };
  }, [object.name, version]);

  function load() {
    const chosen = saved.find((m) => m.id === selected);
    if (!chosen) return;
    const known = Object.keys(chosen.mapping.columns).filter((h) => headers.includes(h)).length;
    onLoad(fromColumnMapping(chosen.mapping, headers));
    setMessage({ tone: "success", text: `Loaded “${chosen.name}”: ${known} of its ${Object.keys(chosen.mapping.columns).length} columns are in this file.` });
  }

  async function save() {
    setMessage(null);
    try {
      await fetchJson("/api/mappings", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ object: object.name, name, mapping: toColumnMapping(value, object) }),
      });
      refresh();
      setMessage({ tone: "success", text: `Saved “${name.trim()}” for ${object.label}; the whole team can use it.` });
    } catch (error) {
      setMessage({ tone: "error", text: errorText(error) });
    }
  }

  async function remove() {
    const chosen = saved.find((m) => m.id === selected);
    if (!chosen) return;
    try {
      await fetchJson(`/api/mappings?id=${encodeURIComponent(chosen.id)}`, { method: "DELETE" });
      setSelected("");
      refresh();
      setMessage({ tone: "success", text: `Deleted “${chosen.name}”.` });
    } catch (error) {
      setMessage({ tone: "error", text: errorText(error) });
    }
  }

  return (
    <section aria-label="Saved mappings" className="space-y-2 rounded-md border border-slate-200 p-4">
      <h2 className={LABEL}>Saved mappings for {object.label}</h2>
      <div className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="wizard-saved-mapping" className="text-xs text-slate-600">
            Saved mapping
          </label>
          <select id="wizard-saved-mapping" value={selected} onChange={(e) => setSelected(e.target.value)} className={SMALL_INPUT}>
            <option value="">{saved.length ? "Choose…" : "None saved yet"}</option>
            {saved.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={load} disabled={!selected} className={buttonClass("secondary")}>
          Load mapping
        </button>
        {canManage ? (
          <button type="button" onClick={() => void remove()} disabled={!selected} className={buttonClass("danger")}>
            Delete mapping
          </button>
        ) : null}
      </div>
      {canManage ? (
        <div className="flex flex-wrap items-end gap-2">
          <div>
            <label htmlFor="wizard-mapping-name" className="text-xs text-slate-600">
              Save the current mapping as
            </label>
            <input id="wizard-mapping-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={100} className={SMALL_INPUT} />
          </div>
          <button type="button" onClick={() => void save()} disabled={!name.trim()} className={buttonClass("secondary")}>
            Save mapping
          </button>
        </div>
      ) : (
        <p className="text-xs text-slate-500">Admins can save mappings for the team.</p>
      )}
      {message ? <Notice tone={message.tone}>{message.text}</Notice> : null}
    </section>
  );
}
