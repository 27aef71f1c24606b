package dev.sleigh.config;

/** The published text when {@code projection.template} is not set: Markdown, from the packet. */
final class DefaultProjectionTemplate {
  private DefaultProjectionTemplate() {}

  static final String TEXT =
      """
      **Sleigh commission `{{ commission.id }}`: {{ state }}**
      {{ commission.title }}
      {% if reason %}
      Reason: {{ reason }}
      {% endif %}
      | phase | attempts | outcome |
      |---|---|---|
      {% for p in phases %}| {{ p.phase }} | {{ p.attempts }} | {{ p.outcome }} |
      {% endfor %}
      {% if evidence.size > 0 %}
      Evidence:
      {% for e in evidence %}- {{ e.phase }} `{{ e.name }}`{% if e.passed != nil %}: {% if e.passed %}passed{% else %}failed{% endif %}{% endif %}
      {% endfor %}{% endif %}
      {% if diff_stat %}Changes: {{ diff_stat.files }} files, +{{ diff_stat.insertions }} -{{ diff_stat.deletions }}
      {% endif %}{% if applied %}Applied: `{{ applied.commit }}` on `{{ applied.branch }}`
      {% endif %}""";
}
