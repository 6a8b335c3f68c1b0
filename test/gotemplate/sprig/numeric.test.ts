// Sprig's numeric functions against Sprig v3.3.0's outputs (fixtures/numeric.json, produced by Go).
import { runFixture } from "./fixture.js";

runFixture("numeric");
