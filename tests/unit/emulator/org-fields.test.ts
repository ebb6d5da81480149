import { describe, expect, it } from "vitest";
import { getField, getObject } from "../../../lib/emulator/objects";
import { coerceValue } from "../../../lib/emulator/org/dml/coerce";
import { to18 } from "../../../lib/emulator/org/ids";

const field = (object: string, name: string) => getField(getObject(object)!, name)!;
const code = (result: ReturnType<typeof coerceValue>) => ("error" in result ? result.error.statusCode : "OK");
const value = (result: ReturnType<typeof coerceValue>) => ("value" in result ? result.value : undefined);

describe("field coercion", () => {
  it("converts booleans, numbers, dates and datetimes", () => {
    expect(value(coerceValue(field("Contact", "DoNotCall"), "TRUE"))).toBe(true);
    expect(value(coerceValue(field("Contact", "DoNotCall"), "0"))).toBe(false);
    expect(code(coerceValue(field("Contact", "DoNotCall"), "maybe"))).toBe("INVALID_TYPE_ON_FIELD_IN_RECORD");
    expect(value(coerceValue(field("Account", "NumberOfEmployees"), "42"))).toBe(42);
    expect(code(coerceValue(field("Account", "NumberOfEmployees"), "4.5"))).toBe("INVALID_TYPE_ON_FIELD_IN_RECORD");
    expect(code(coerceValue(field("Account", "NumberOfEmployees"), "123456789"))).toBe("NUMBER_OUTSIDE_VALID_RANGE");
    expect(value(coerceValue(field("Opportunity", "Amount"), "10.005"))).toBe(10.01);
    expect(value(coerceValue(field("Opportunity", "CloseDate"), "2024-02-29"))).toBe("2024-02-29");
    expect(value(coerceValue(field("Opportunity", "CloseDate"), "1940-06-07Z"))).toBe("1940-06-07");
    expect(code(coerceValue(field("Opportunity", "CloseDate"), "2023-02-29"))).toBe("INVALID_TYPE_ON_FIELD_IN_RECORD");
    expect(value(coerceValue(field("Case", "ClosedDate"), "2024-01-01T10:00:00+02:00"))).toBe("2024-01-01T08:00:00.000Z");
    expect(value(coerceValue(field("Case", "ClosedDate"), "2024-01-01T10:00:00.5Z"))).toBe("2024-01-01T10:00:00.500Z");
    expect(code(coerceValue(field("Case", "ClosedDate"), "yesterday"))).toBe("INVALID_TYPE_ON_FIELD_IN_RECORD");
  });

  it("checks text length, emails and restricted picklists", () => {
    expect(code(coerceValue(field("Account", "Name"), "x".repeat(256)))).toBe("STRING_TOO_LONG");
    expect(code(coerceValue(field("Contact", "Email"), "a@b"))).toBe("INVALID_EMAIL_ADDRESS");
    expect(value(coerceValue(field("Contact", "Email"), "a@b.co"))).toBe("a@b.co");
    expect(code(coerceValue(field("Task", "Status"), "Later"))).toBe("INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST");
    expect(value(coerceValue(field("Account", "Industry"), "Anything goes"))).toBe("Anything goes");
  });

  it("checks lookup ids: format, then target object", () => {
    const account = to18("001Dn0000000001");
    expect(value(coerceValue(field("Contact", "AccountId"), account.slice(0, 15)))).toBe(account);
    expect(code(coerceValue(field("Contact", "AccountId"), "nope"))).toBe("MALFORMED_ID");
    expect(code(coerceValue(field("Contact", "AccountId"), to18("003Dn0000000001")))).toBe("FIELD_INTEGRITY_EXCEPTION");
  });
});
