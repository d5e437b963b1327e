package vn.egov.dashboard.document;

/**
 * The kind of a legal document, with its Vietnamese name.
 */
public enum DocumentKind {

	DECISION("Quyết định"), DECREE("Nghị định"), RESOLUTION("Nghị quyết"), DIRECTIVE("Chỉ thị"), CIRCULAR("Thông tư"),
	OFFICIAL_LETTER("Công văn"), PLAN("Kế hoạch"), NOTICE("Thông báo");

	private final String vietnamese;

	DocumentKind(String vietnamese) {
		this.vietnamese = vietnamese;
	}

	public String vietnamese() {
		return this.vietnamese;
	}

}
