// Sprig's date functions against Sprig v3.3.0's outputs (fixtures/date.json, produced by Go with Local = UTC).
import { runFixture } from "./fixture.js";

process.env["TZ"] = "UTC";
runFixture("date");
