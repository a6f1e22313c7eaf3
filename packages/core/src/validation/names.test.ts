import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { maskTrailingDash, nameIsDNS1035Label, nameIsDNSLabel, nameIsDNSSubdomain, nameIsPathSegment } from "./name-validators.js";
import {
  isCIdentifier,
  isConfigMapKey,
  isDNS1035Label,
  isDNS1123Label,
  isDNS1123Subdomain,
  isEnvVarName,
  isQualifiedName,
  isRelaxedEnvVarName,
  isValidLabelValue,
  isValidPathSegmentName,
  isValidPercent,
  isValidPortName,
  isValidPortNum,
  isWildcardDNS1123Subdomain,
  regexError,
} from "./names.js";

const LABEL_REGEX_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QUALIFIED_NAME_MSG =
  "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

describe("regexError", () => {
  it("words examples exactly as upstream", () => {
    assert.equal(regexError("msg", "re"), "msg (regex used for validation is 're')");
    assert.equal(regexError("msg", "re", "a"), "msg (e.g. 'a', regex used for validation is 're')");
    assert.equal(regexError("msg", "re", "a", "b"), "msg (e.g. 'a',  or 'b', regex used for validation is 're')");
  });
});

describe("DNS names", () => {
  it("IsDNS1123Label", () => {
    assert.deepEqual(isDNS1123Label("my-name"), []);
    assert.deepEqual(isDNS1123Label("123-abc"), []);
    assert.deepEqual(isDNS1123Label("my.name"), ["must not contain dots"]);
    assert.deepEqual(isDNS1123Label("Foo"), [LABEL_REGEX_MSG]);
    assert.deepEqual(isDNS1123Label("-a"), [LABEL_REGEX_MSG]);
    assert.deepEqual(isDNS1123Label(""), [LABEL_REGEX_MSG]);
    assert.deepEqual(isDNS1123Label("a".repeat(64)), ["must be no more than 63 characters"]);
    assert.deepEqual(isDNS1123Label("a".repeat(63)), []);
  });

  it("IsDNS1123Subdomain", () => {
    assert.deepEqual(isDNS1123Subdomain("example.com"), []);
    assert.equal(isDNS1123Subdomain("a..b").length, 1);
    assert.equal(isDNS1123Subdomain(`${"a".repeat(250)}.com`).length, 1);
    assert.deepEqual(isDNS1123Subdomain(`${"a".repeat(250)}.com`)[0], "must be no more than 253 characters");
  });

  it("IsDNS1035Label", () => {
    assert.deepEqual(isDNS1035Label("abc-123"), []);
    assert.deepEqual(isDNS1035Label("1abc"), [
      "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
    ]);
  });

  it("IsWildcardDNS1123Subdomain", () => {
    assert.deepEqual(isWildcardDNS1123Subdomain("*.example.com"), []);
    assert.equal(isWildcardDNS1123Subdomain("*.*.example.com").length, 1);
    assert.equal(isWildcardDNS1123Subdomain("foo.example.com").length, 1);
  });
});

describe("IsQualifiedName", () => {
  it("accepts names with an optional subdomain prefix", () => {
    for (const ok of ["app", "App.Name_1", "example.com/app", "kubernetes.io/metadata.name", "a"]) {
      assert.deepEqual(isQualifiedName(ok), [], ok);
    }
  });

  it("explains each broken part", () => {
    assert.deepEqual(isQualifiedName("/a"), ["prefix part must be non-empty"]);
    assert.deepEqual(isQualifiedName("example.com/"), ["name part must be non-empty", `name part ${QUALIFIED_NAME_MSG}`]);
    assert.deepEqual(isQualifiedName("-a"), [`name part ${QUALIFIED_NAME_MSG}`]);
    assert.deepEqual(isQualifiedName("a".repeat(64)), ["name part must be no more than 63 characters"]);
    assert.equal(isQualifiedName("Example.com/a")[0].startsWith("prefix part a lowercase RFC 1123 subdomain"), true);
    assert.deepEqual(isQualifiedName("a/b/c"), [
      `a valid label key ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`,
    ]);
  });
});

describe("label values, config keys, ports, identifiers", () => {
  it("IsValidLabelValue", () => {
    assert.deepEqual(isValidLabelValue(""), []);
    assert.deepEqual(isValidLabelValue("My_value-1.2"), []);
    assert.equal(isValidLabelValue("-a")[0].startsWith("a valid label must be an empty string"), true);
    assert.deepEqual(isValidLabelValue("a".repeat(64)), ["must be no more than 63 characters"]);
  });

  it("IsConfigMapKey", () => {
    assert.deepEqual(isConfigMapKey("app.properties"), []);
    assert.deepEqual(isConfigMapKey("KEY_NAME-1"), []);
    assert.deepEqual(isConfigMapKey("."), ["must not be '.'"]);
    assert.deepEqual(isConfigMapKey(".."), ["must not be '..'"]);
    assert.deepEqual(isConfigMapKey("..data"), ["must not start with '..'"]);
    assert.deepEqual(isConfigMapKey("a b"), [
      "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
    ]);
  });

  it("IsValidPortNum", () => {
    assert.deepEqual(isValidPortNum(80), []);
    assert.deepEqual(isValidPortNum(65535), []);
    assert.deepEqual(isValidPortNum(0), ["must be between 1 and 65535, inclusive"]);
    assert.deepEqual(isValidPortNum(65536), ["must be between 1 and 65535, inclusive"]);
  });

  it("IsValidPortName", () => {
    assert.deepEqual(isValidPortName("http"), []);
    assert.deepEqual(isValidPortName("h2c-8080"), []);
    assert.deepEqual(isValidPortName("HTTP"), [
      "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)",
      "must contain at least one letter (a-z)",
    ]);
    assert.deepEqual(isValidPortName("8080"), ["must contain at least one letter (a-z)"]);
    assert.deepEqual(isValidPortName("a--b"), ["must not contain consecutive hyphens"]);
    assert.deepEqual(isValidPortName("-ab"), ["must not begin or end with a hyphen"]);
    assert.deepEqual(isValidPortName("a".repeat(16)), ["must be no more than 15 characters"]);
  });

  it("IsCIdentifier and env var names", () => {
    assert.deepEqual(isCIdentifier("MY_VAR"), []);
    assert.deepEqual(isCIdentifier("1A"), [
      "a valid C identifier must start with alphabetic character or '_', followed by a string of alphanumeric characters or '_' (e.g. 'my_name',  or 'MY_NAME',  or 'MyName', regex used for validation is '[A-Za-z_][A-Za-z0-9_]*')",
    ]);
    assert.deepEqual(isRelaxedEnvVarName("1 weird-name.x"), []);
    assert.deepEqual(isRelaxedEnvVarName("A=B"), [
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    assert.deepEqual(isRelaxedEnvVarName("é"), [
      "a valid environment variable name must consist only of printable ASCII characters other than '='",
    ]);
    assert.deepEqual(isRelaxedEnvVarName(""), ["environment variable name must be non-empty"]);
    assert.deepEqual(isEnvVarName("my.env-name"), []);
    assert.equal(isEnvVarName("1A").length, 1);
  });

  it("percent and path segments", () => {
    assert.deepEqual(isValidPercent("25%"), []);
    assert.equal(isValidPercent("25").length, 1);
    assert.deepEqual(isValidPathSegmentName("system:admin"), []);
    assert.deepEqual(isValidPathSegmentName(".."), ["may not be '..'"]);
    assert.deepEqual(isValidPathSegmentName("a/b%c"), ["may not contain '/'", "may not contain '%'"]);
  });
});

describe("name validators", () => {
  it("allow a trailing dash in generateName", () => {
    assert.equal(maskTrailingDash("web-"), "wea");
    assert.equal(maskTrailingDash("a-"), "a");
    assert.deepEqual(nameIsDNSSubdomain("web-", true), []);
    assert.equal(nameIsDNSSubdomain("web-", false).length, 1);
    assert.deepEqual(nameIsDNSLabel("job-", true), []);
    assert.deepEqual(nameIsDNS1035Label("svc-", true), []);
    assert.equal(nameIsDNS1035Label("1svc", false).length, 1);
    assert.deepEqual(nameIsPathSegment("system:controller:x", false), []);
  });
});
