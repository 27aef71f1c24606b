package dev.sleigh.cli.common;

import dev.sleigh.domain.Secrets;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The store's password as a secret: one written in the URL is remembered so that it is hidden
 * wherever Sleigh writes; one in a file is read into the URL in memory only, so that neither the
 * command line nor the environment of the runner holds it (a child of the same user can read both).
 */
final class StorePasswords {
  private static final Pattern QUERY_PASSWORD = Pattern.compile("(?i)[?&]password=([^&]*)");
  private static final Pattern USER_INFO_PASSWORD = Pattern.compile("//[^/@:]+:([^/@]*)@");

  private StorePasswords() {}

  /** Remembers a password written in {@code url} as a secret. */
  static void registerIn(String url) {
    for (Pattern p : new Pattern[] {QUERY_PASSWORD, USER_INFO_PASSWORD}) {
      Matcher m = p.matcher(url);
      while (m.find()) {
        Secrets.register(m.group(1));
      }
    }
  }

  /** {@code url} with the password read from {@code file}; only PostgreSQL stores have one. */
  static String withPasswordFrom(String url, Path file) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw CliFailure.invalid(
          "--store-password-file: the store " + url + " is not PostgreSQL; it has no password");
    }
    String password;
    try {
      password = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw CliFailure.invalid(
          "--store-password-file: cannot read " + file + ": " + e.getMessage());
    }
    if (password.isEmpty()) {
      throw CliFailure.invalid("--store-password-file: " + file + " is empty");
    }
    Secrets.register(password);
    return url
        + (url.contains("?") ? "&" : "?")
        + "password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8);
  }
}
