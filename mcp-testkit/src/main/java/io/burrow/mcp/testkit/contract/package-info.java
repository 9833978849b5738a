/**
 * Contract suites a module author extends: {@code ModuleContract} and {@code ProtocolClientContract}, each rule a
 * test.
 */
package io.burrow.mcp.testkit.contract;
