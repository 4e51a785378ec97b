import { describe, expect, it } from "vitest";
import { identifierFlag, sensitivityFlags } from "../../src/report/describe/flags.js";
import { buildDictionary } from "../../src/report/describe/index.js";
import { example } from "../support/cli.js";

describe("sensitivity flags: Article 9 only, other kinds by their own name", () => {
  it("flags the schema's Article 9 categories as special categories", () => {
    expect(sensitivityFlags("ethnic_category", undefined, "ethnicity")).toEqual({ specialCategory: { value: "ethnicity", source: "schema" } });
    expect(sensitivityFlags("bmi", undefined, "health")).toEqual({ specialCategory: { value: "health", source: "schema" } });
    expect(sensitivityFlags("x", undefined, true)).toEqual({ specialCategory: { value: "special category", source: "schema" } });
  });

  it("names safeguarding, socio-economic and criminal offence data, never as special categories", () => {
    expect(sensitivityFlags("safeguarding_concern", undefined, "safeguarding")).toEqual({ sensitive: { value: "safeguarding", kind: "safeguarding", source: "schema" } });
    expect(sensitivityFlags("fsm_eligible", undefined, "socio-economic")).toEqual({ sensitive: { value: "socio-economic", kind: "socio-economic", source: "schema" } });
    expect(sensitivityFlags("record", undefined, "criminal offence")).toEqual({ sensitive: { value: "criminal offence", kind: "criminal offence", source: "schema" } });
    expect(sensitivityFlags("colour", undefined, "commercially confidential")).toEqual({ sensitive: { value: "commercially confidential", kind: "sensitive", source: "schema" } });
    // Guesses likewise.
    expect(sensitivityFlags("safeguarding_flag", undefined, undefined).sensitive?.kind).toBe("safeguarding");
    expect(sensitivityFlags("FreeSchoolMeals", undefined, undefined).sensitive?.kind).toBe("socio-economic");
    expect(sensitivityFlags("previous_convictions", undefined, undefined).sensitive?.kind).toBe("criminal offence");
  });

  it("guesses from whole words, not substrings", () => {
    // A penguin's body mass is not a body mass index, nor a flipper's length a health record.
    for (const name of ["body_mass_g", "flipper_length_mm", "bill_depth_mm", "species", "island", "sex", "year"]) {
      expect(sensitivityFlags(name, undefined, undefined), name).toEqual({});
      expect(identifierFlag(name, undefined, undefined), name).toBeUndefined();
    }
    for (const name of ["weight_kg", "condition_of_road", "mentality", "unionised_workforce", "racecourse", "reasons", "healthy_eating_score", "sentence_length"]) {
      expect(sensitivityFlags(name, undefined, undefined), name).toEqual({});
    }
    expect(sensitivityFlags("bodyMassIndex", undefined, undefined).specialCategory?.value).toBe("health");
    expect(sensitivityFlags("mmr1_date", "Date of first MMR immunisation", undefined).specialCategory?.value).toBe("health");
    expect(sensitivityFlags("ethnic_group", undefined, undefined).specialCategory?.value).toBe("ethnicity");
    expect(sensitivityFlags("has_diagnoses", undefined, undefined).specialCategory?.value).toBe("health");
    expect(identifierFlag("customerEmail", undefined, undefined)).toEqual({ value: "direct", source: "guess" });
    expect(identifierFlag("street_name", undefined, undefined)).toEqual({ value: "direct", source: "guess" });
    expect(identifierFlag("streetwise", undefined, undefined)).toBeUndefined();
  });

  it("in the dictionaries: child health's safeguarding and pupils' free meals are not special categories", async () => {
    const child = await buildDictionary({ schema: example("child-health", "schema.json"), sample: [] });
    const safeguarding = child.columns.find((c) => c.name === "safeguarding_concern")!;
    expect(safeguarding.specialCategory).toBeUndefined();
    expect(safeguarding.sensitive).toMatchObject({ kind: "safeguarding" });
    const pupils = await buildDictionary({ schema: example("pupils", "schema.json"), sample: [] });
    expect(pupils.columns.find((c) => c.name === "fsm_eligible")).toMatchObject({ sensitive: { kind: "socio-economic" } });
    expect(pupils.columns.find((c) => c.name === "fsm_eligible")!.specialCategory).toBeUndefined();
    expect(pupils.columns.find((c) => c.name === "ethnicity")!.specialCategory).toMatchObject({ value: "ethnicity" });
  });
});
