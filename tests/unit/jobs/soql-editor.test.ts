import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SoqlEditor } from "../../../components/jobs/soql-editor";

describe("SOQL editor markup", () => {
  it("renders an id-addressable combobox textarea tied to its (closed) suggestion list", () => {
    const html = renderToStaticMarkup(createElement(SoqlEditor, { orgConnectionId: "org1", value: "SELECT Id FROM Account", onChange: () => {}, id: "soql" }));
    expect(html).toContain('id="soql"');
    expect(html).toMatch(/<textarea[^>]*role="combobox"[^>]*aria-autocomplete="list"[^>]*aria-expanded="false"[^>]*aria-controls="soql-suggestions"/);
    expect(html).toContain(">SELECT Id FROM Account</textarea>");
    expect(html).toMatch(/<ul id="soql-suggestions" role="listbox"[^>]*hidden/);
    // The row count estimate is a real button, its answer announced in a status region.
    expect(html).toMatch(/<button type="button"[^>]*>Estimate the row count<\/button><p role="status"/);
  });
});
