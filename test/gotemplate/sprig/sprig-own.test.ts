// The templates of Sprig v3.3.0's own *_test.go files (deterministic ones), with Go's outputs.
import { runFixture } from "./fixture.js";

runFixture("sprig-own");
