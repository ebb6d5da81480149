"use client";
/** Step 3: CSV column → field (auto-mapped first), constants, date formats and time zones, saved mappings. */
import { buttonClass } from "@/components/ui/button-class";
import { DATE_FORMAT_LABELS, mappableFields, type BulkOperationName, type DateFormat, type ObjectInfo } from "@/lib/preflight";
import { SavedMappings } from "./saved-mappings";
import { browserTimeZone, dateKindOf, type WizardMapping } from "./wizard-state";
import { HINT, INPUT, LABEL } from "./wizard-ui";

interface Props {
  object: ObjectInfo;
  operation: BulkOperationName;
  headers: string[];
  value: WizardMapping;
  onChange(value: WizardMapping): void;
  onBack(): void;
  onNext(): void;
}

const SMALL_INPUT = INPUT.replace("mt-1 ", "");

export function MappingStep({ object, operation, headers, value, onChange, onBack, onNext }: Props) {
  const fields = mappableFields(object, operation);
  const mapped = Object.values(value.columns).filter((f) => f.trim()).length;
  const setColumn = (header: string, field: string) => onChange({ ...value, columns: { ...value.columns, [header]: field } });
  const setDate = (header: string, patch: Partial<{ format: DateFormat; timeZone: string }>) =>
    onChange({ ...value, dates: { ...value.dates, [header]: { ...(value.dates[header] ?? { format: "iso", timeZone: browserTimeZone() }), ...patch } } });
  const setConstant = (index: number, patch: Partial<{ field: string; value: string }>) =>
    onChange({ ...value, constants: value.constants.map((c, i) => (i === index ? { ...c, ...patch } : c)) });

  return (
    <div className="space-y-6">
      <datalist id="wizard-fields">
        {fields.map((f) => (
          <option key={f.name} value={f.name}>
            {f.label}
          </option>
        ))}
      </datalist>
      <datalist id="wizard-time-zones">
        {(typeof Intl.supportedValuesOf === "function" ? Intl.supportedValuesOf("timeZone") : []).map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>

      <section aria-label="Column mapping" className="space-y-2">
        <p className="text-sm text-slate-600">
          {mapped} of {headers.length} columns mapped to {object.label} fields. Unmapped columns are not sent to Salesforce but stay in the result files. Type to search
          fields; a column holding a parent’s external id is mapped as <code>Relationship.Field</code>, such as <code>Parent.External_Id__c</code>.
        </p>
        <div className="overflow-x-auto rounded-md border border-slate-200">
          <table className="min-w-full text-left text-sm">
            <thead className="bg-slate-50 text-xs text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  CSV column
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Field (empty = not mapped)
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Date input
                </th>
              </tr>
            </thead>
            <tbody>
              {headers.map((header, index) => {
                const target = value.columns[header] ?? "";
                const kind = dateKindOf(object, target);
                const date = value.dates[header] ?? { format: "iso" as DateFormat, timeZone: browserTimeZone() };
                return (
                  <tr key={`${index}-${header}`} className="border-t border-slate-100 align-top">
                    <td className="px-3 py-2 font-medium">{header}</td>
                    <td className="px-3 py-2">
                      <input
                        list="wizard-fields"
                        aria-label={`Field for column ${header}`}
                        value={target}
                        onChange={(e) => setColumn(header, e.target.value)}
                        placeholder="not mapped"
                        className={SMALL_INPUT}
                      />
                    </td>
                    <td className="px-3 py-2">
                      {kind ? (
                        <div className="flex flex-wrap gap-2">
                          <select aria-label={`Date format of column ${header}`} value={date.format} onChange={(e) => setDate(header, { format: e.target.value as DateFormat })} className={SMALL_INPUT}>
                            {(Object.keys(DATE_FORMAT_LABELS) as DateFormat[]).map((format) => (
                              <option key={format} value={format}>
                                {format === "iso" ? "ISO (YYYY-MM-DD)" : DATE_FORMAT_LABELS[format]}
                              </option>
                            ))}
                          </select>
                          {kind === "datetime" ? (
                            <input
                              list="wizard-time-zones"
                              aria-label={`Time zone of column ${header}`}
                              value={date.timeZone}
                              onChange={(e) => setDate(header, { timeZone: e.target.value })}
                              className={SMALL_INPUT}
                            />
                          ) : null}
                        </div>
                      ) : (
                        <span className="text-xs text-slate-400">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <p className={HINT}>Datetimes written without an offset are read in the time zone shown (your browser’s by default); dates never shift by a day.</p>
      </section>

      <section aria-label="Constant values" className="space-y-2">
        <h2 className={LABEL}>Constant values</h2>
        <p className={HINT}>The same value for every row, for a field no column holds.</p>
        {value.constants.map((constant, index) => (
          <div key={index} className="flex flex-wrap items-end gap-2">
            <div>
              <label htmlFor={`wizard-constant-field-${index}`} className="text-xs text-slate-600">
                Field
              </label>
              <input id={`wizard-constant-field-${index}`} list="wizard-fields" value={constant.field} onChange={(e) => setConstant(index, { field: e.target.value })} className={SMALL_INPUT} />
            </div>
            <div>
              <label htmlFor={`wizard-constant-value-${index}`} className="text-xs text-slate-600">
                Value
              </label>
              <input id={`wizard-constant-value-${index}`} value={constant.value} onChange={(e) => setConstant(index, { value: e.target.value })} className={SMALL_INPUT} />
            </div>
            <button type="button" onClick={() => onChange({ ...value, constants: value.constants.filter((_, i) => i !== index) })} className={buttonClass("secondary")}>
              Remove constant {index + 1}
            </button>
          </div>
        ))}
        <button type="button" onClick={() => onChange({ ...value, constants: [...value.constants, { field: "", value: "" }] })} className={buttonClass("secondary")}>
          Add a constant
        </button>
      </section>

      <SavedMappings object={object} headers={headers} value={value} onLoad={onChange} />

      <div className="flex gap-3">
        <button type="button" onClick={onBack} className={buttonClass("secondary")}>
          Back
        </button>
        <button type="button" onClick={onNext} disabled={mapped === 0 && value.constants.length === 0} className={buttonClass("primary")}>
          Next: pre-flight check
        </button>
      </div>
    </div>
  );
}
