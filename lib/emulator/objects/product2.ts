import { checkbox, longText, picklist, text } from "./field-builders";
import type { ObjectDef } from "./types";

export const product2: ObjectDef = {
  name: "Product2",
  label: "Product",
  labelPlural: "Products",
  keyPrefix: "01t",
  owned: false,
  fields: [
    text("Name", "Product Name", 255, { required: true, nameField: true }),
    text("ProductCode", "Product Code", 255),
    longText("Description", "Product Description", 4000),
    picklist("Family", "Product Family", ["Hardware", "Software", "Services", "Training"]),
    checkbox("IsActive", "Active"),
    text("QuantityUnitOfMeasure", "Quantity Unit Of Measure", 255),
    text("StockKeepingUnit", "Product SKU", 180, { unique: true }),
    text("ExternalId", "External ID", 255, { externalId: true, idLookup: true }),
  ],
};
