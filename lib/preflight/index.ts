/** Pre-flight for the job wizard: describe parsing, column mapping, date conversion, validation and the job plan. Browser- and Node-safe. */
export { toObjectInfo, findField, type BulkOperationName, type FieldInfo, type ObjectInfo } from "./object-info";
export { autoMap, externalIdFields, mappableFields } from "./auto-map";
export { convertDate, convertDateTime, isValidTimeZone, DATE_FORMAT_LABELS, type DateFormat } from "./dates";
export { createValidator, type RowProblem } from "./validate";
export { planJob, type JobPlan } from "./plan";
