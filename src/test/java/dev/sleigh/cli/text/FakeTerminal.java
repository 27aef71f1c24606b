package dev.sleigh.cli.text;

import java.util.ArrayList;
import java.util.List;

/**
 * A terminal {@code width} columns wide that understands what the live block writes: text (wrapped
 * at the width), newline, carriage return, cursor up ({@code ESC [ n A}), erase below ({@code ESC [
 * J}) and erase line ({@code ESC [ 2 K}). What it shows is what an operator would see.
 */
final class FakeTerminal {
  private final int width;
  private final List<StringBuilder> rows = new ArrayList<>();
  private int row;
  private int col;

  FakeTerminal(int width) {
    this.width = width;
    rows.add(new StringBuilder());
  }

  FakeTerminal write(String text) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\033' && i + 1 < text.length() && text.charAt(i + 1) == '[') {
        int j = i + 2;
        while (Character.isDigit(text.charAt(j))) {
          j++;
        }
        String n = text.substring(i + 2, j);
        control(text.charAt(j), n.isEmpty() ? 0 : Integer.parseInt(n));
        i = j + 1;
        continue;
      }
      if (c == '\n') {
        row++;
        col = 0;
      } else if (c == '\r') {
        col = 0;
      } else {
        if (col == width) {
          row++;
          col = 0;
        }
        StringBuilder line = line(row);
        while (line.length() < col) {
          line.append(' ');
        }
        if (col < line.length()) {
          line.setCharAt(col, c);
        } else {
          line.append(c);
        }
        col++;
      }
      i++;
    }
    return this;
  }

  private void control(char code, int n) {
    switch (code) {
      case 'A' -> row = Math.max(0, row - Math.max(n, 1));
      case 'J' -> {
        StringBuilder line = line(row);
        line.setLength(Math.min(line.length(), col));
        while (rows.size() > row + 1) {
          rows.removeLast();
        }
      }
      case 'K' -> line(row).setLength(0);
      default -> throw new IllegalArgumentException("unknown control " + code);
    }
  }

  private StringBuilder line(int r) {
    while (rows.size() <= r) {
      rows.add(new StringBuilder());
    }
    return rows.get(r);
  }

  /** The rows on the screen, without trailing empty ones. */
  List<String> screen() {
    List<String> out = new ArrayList<>(rows.stream().map(StringBuilder::toString).toList());
    while (!out.isEmpty() && out.getLast().isEmpty()) {
      out.removeLast();
    }
    return out;
  }
}
