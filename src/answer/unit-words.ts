/**
 * Words that follow a number as a unit or a percent and carry no value of their own. The
 * tokenizer drops units (`15 cm^2` → 15) and turns percent words into `%`, so `28 percent`,
 * `28 pct` and `28\%` read the same.
 */

/** Words read as a percent sign. */
export const PERCENT_WORDS: ReadonlySet<string> = new Set(["percent", "percentage", "pct", "percents"]);

/** Words that separate several answers (`12 and 13`). */
export const CONNECTOR_WORDS: ReadonlySet<string> = new Set(["and", "or"]);

/** Unit words dropped after a value. */
export const UNIT_WORDS: ReadonlySet<string> = new Set([
  // length, area, volume
  "mm",
  "cm",
  "dm",
  "km",
  "m",
  "meter",
  "meters",
  "metre",
  "metres",
  "centimeter",
  "centimeters",
  "millimeter",
  "millimeters",
  "kilometer",
  "kilometers",
  "inch",
  "inches",
  "in",
  "ft",
  "foot",
  "feet",
  "yd",
  "yard",
  "yards",
  "mi",
  "mile",
  "miles",
  "unit",
  "units",
  "sq",
  "square",
  "cubic",
  "l",
  "liter",
  "liters",
  "litre",
  "litres",
  "ml",
  "gallon",
  "gallons",
  "quart",
  "quarts",
  "pint",
  "pints",
  "cup",
  "cups",
  // mass
  "g",
  "kg",
  "mg",
  "gram",
  "grams",
  "kilogram",
  "kilograms",
  "lb",
  "lbs",
  "pound",
  "pounds",
  "oz",
  "ounce",
  "ounces",
  "ton",
  "tons",
  // time and rate
  "s",
  "sec",
  "second",
  "seconds",
  "min",
  "minute",
  "minutes",
  "h",
  "hr",
  "hrs",
  "hour",
  "hours",
  "day",
  "days",
  "week",
  "weeks",
  "month",
  "months",
  "year",
  "years",
  "mph",
  "kph",
  // money and counts
  "dollar",
  "dollars",
  "cent",
  "cents",
  "euro",
  "euros",
  "usd",
  "rupees",
  "yen",
  "degree",
  "degrees",
  "deg",
  "radian",
  "radians",
  "rad",
  "people",
  "persons",
  "students",
  "items",
  "times",
  "ways",
  "points",
]);

/** A unit if every word of the phrase is a unit word (`square feet`, `cm`, `miles per hour`). */
export function isUnitPhrase(phrase: string): boolean {
  const words = phrase
    .toLowerCase()
    .split(/[\s.^\d{}/]+/)
    .filter((w) => w !== "" && w !== "per");
  return words.length > 0 && words.every((w) => UNIT_WORDS.has(w));
}
