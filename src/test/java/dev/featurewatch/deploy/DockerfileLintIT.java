package dev.featurewatch.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Both Dockerfiles through a real Dockerfile parser and linter, Microsoft's dockerfile-utils (the
 * one behind VS Code's Docker support), installed from npm into target/: no Docker engine runs
 * here, so this and {@link ContainerImageTest} stand in for {@code docker build}'s own parsing.
 * The linter is shown to catch a broken file first, so a silent linter cannot pass.
 */
class DockerfileLintIT {
  static final String LINTER = "dockerfile-utils@0.16.3";

  @Test
  void bothDockerfilesParseAndLintClean() throws Exception {
    Path work = Files.createDirectories(Path.of("target", "dockerfile-lint")).toAbsolutePath();
    if (!Files.isDirectory(work.resolve("node_modules/dockerfile-utils"))) {
      Tools.run(300, work, "npm", "install", "--no-audit", "--no-fund", "--prefix", work.toString(), LINTER).assertSuccess();
    }
    Path lint = work.resolve("node_modules/.bin/dockerfile-utils");

    Path broken = work.resolve("Dockerfile.broken");
    Files.writeString(broken, "FROM eclipse-temurin:17-jre\nRUNN echo hi\nEXPOSE http\n");
    Tools.Result caught = Tools.run(60, work, lint.toString(), "lint", broken.toString());
    assertTrue(caught.exit() != 0 && caught.output().contains("Unknown instruction: RUNN"), caught.output());

    for (String file : new String[] {"Dockerfile", "Dockerfile.cuda"}) {
      Path dockerfile = Path.of("deploy", "container", file).toAbsolutePath();
      Tools.run(60, work, lint.toString(), "lint", dockerfile.toString()).assertSuccess();
    }
  }
}
