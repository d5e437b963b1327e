package vn.egov.dashboard.document;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import vn.egov.dashboard.document.DocumentInputs.CreateDocumentInput;
import vn.egov.dashboard.document.DocumentInputs.UpdateDocumentInput;
import vn.egov.dashboard.graphql.InvalidInputException;
import vn.egov.dashboard.graphql.Texts;
import vn.egov.dashboard.live.Changes;
import vn.egov.dashboard.security.AnalystWrite;
import vn.egov.dashboard.security.AuditLog;
import vn.egov.dashboard.system.DataChangedEvent;

/**
 * Every write to legal documents: creating one with its basis (căn cứ), and correcting
 * one. Each request is checked in full before anything is written: texts within their
 * lengths, an issue date not in the future, a link that is an http(s) URL, every basis
 * known, issued no later than the document, named once, and never the document itself or
 * one based on it (the basis graph has no cycles).
 */
@Service
public class DocumentService {

	static final int MAX_NUMBER = 100;

	private final DocumentRepository documents;

	private final Clock clock;

	private final Changes changes;

	private final AuditLog audit;

	DocumentService(DocumentRepository documents, Clock clock, Changes changes, AuditLog audit) {
		this.documents = documents;
		this.clock = clock;
		this.changes = changes;
		this.audit = audit;
	}

	/** A document and what it is based on, as the audit log keeps it. */
	record Recorded(LegalDocument document, List<String> basedOn) {
	}

	@AnalystWrite
	public Mono<LegalDocument> create(CreateDocumentInput input) {
		String number = Texts.required("number", input.number(), MAX_NUMBER);
		LegalDocument given = new LegalDocument(0, number, input.kind(), Texts.required("issuer", input.issuer(), 300),
				issuedOn(input.issuedOn()), Texts.required("title", input.title(), 1000),
				Texts.optional("titleEn", input.titleEn(), 1000), Texts.optional("summary", input.summary(), 4000),
				url(input.url()));
		List<String> basedOn = numbers(input.basedOn());
		Mono<LegalDocument> insert = bases(basedOn, given).flatMap((bases) -> this.documents.insert(given)
			.onErrorMap(DuplicateKeyException.class,
					(ex) -> new InvalidInputException("number",
							"'" + number + "' is taken by another document; change it with updateDocument"))
			.flatMap((created) -> this.documents.replaceBasis(created.id(), ids(bases))
				.then(this.audit.record("createDocument", "legal_document", number, null,
						new Recorded(created, basedOn)))
				.thenReturn(created)));
		return this.changes.commit(insert, DocumentService::changed);
	}

	@AnalystWrite
	public Mono<LegalDocument> update(UpdateDocumentInput input) {
		String number = Texts.required("number", input.number(), MAX_NUMBER);
		String issuer = Texts.optional("issuer", input.issuer(), 300);
		String title = Texts.optional("title", input.title(), 1000);
		String titleEn = Texts.optional("titleEn", input.titleEn(), 1000);
		String summary = Texts.optional("summary", input.summary(), 4000);
		String url = url(input.url());
		LocalDate issuedOn = issuedOn(input.issuedOn());
		List<String> basedOn = (input.basedOn() != null) ? numbers(input.basedOn()) : null;
		Mono<LegalDocument> update = this.documents.lockByNumber(number)
			.switchIfEmpty(Mono.error(() -> new DocumentNotFoundException(number)))
			.flatMap((old) -> {
				LegalDocument changed = new LegalDocument(old.id(), old.number(),
						Objects.requireNonNullElse(input.kind(), old.kind()),
						Objects.requireNonNullElse(issuer, old.issuer()),
						(issuedOn != null) ? issuedOn : old.issuedOn(), Objects.requireNonNullElse(title, old.title()),
						(titleEn != null) ? titleEn : old.titleEn(), (summary != null) ? summary : old.summary(),
						(url != null) ? url : old.url());
				Mono<List<String>> oldBasis = this.documents.findBasedOn(List.of(old.id()))
					.map((byId) -> byId.getOrDefault(old.id(), List.of()).stream().map(LegalDocument::number).toList());
				Mono<Void> basis = (basedOn != null) ? bases(basedOn, changed).flatMap(
						(bases) -> checkNoCycle(changed, bases).then(this.documents.replaceBasis(old.id(), ids(bases))))
						: checkBasesNotLater(changed);
				return oldBasis.flatMap((before) -> basis.then(this.documents.update(changed))
					.flatMap((saved) -> this.audit
						.record("updateDocument", "legal_document", number, new Recorded(old, before),
								new Recorded(saved, (basedOn != null) ? basedOn : before))
						.thenReturn(saved)));
			});
		return this.changes.commit(update, DocumentService::changed);
	}

	static DataChangedEvent changed(LegalDocument document) {
		return DataChangedEvent.of("document", document.id());
	}

	private LocalDate issuedOn(@Nullable LocalDate issuedOn) {
		if (issuedOn != null && issuedOn.isAfter(LocalDate.now(this.clock))) {
			throw new InvalidInputException("issuedOn", "must not be in the future, was " + issuedOn);
		}
		return issuedOn;
	}

	private static @Nullable String url(@Nullable String given) {
		String url = Texts.optional("url", given, 1000);
		if (url == null) {
			return null;
		}
		try {
			URI uri = new URI(url);
			if (("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null) {
				return url;
			}
		}
		catch (URISyntaxException ex) {
			// refused below
		}
		throw new InvalidInputException("url", "must be an http(s) URL, was '" + url + "'");
	}

	/** The basis numbers, trimmed; each named once. */
	private static List<String> numbers(@Nullable List<String> given) {
		if (given == null) {
			return List.of();
		}
		Set<String> numbers = new LinkedHashSet<>();
		for (int i = 0; i < given.size(); i++) {
			String number = Texts.required("basedOn[" + i + "]", given.get(i), MAX_NUMBER);
			if (!numbers.add(number)) {
				throw new InvalidInputException("basedOn[" + i + "]", "names " + number + " twice");
			}
		}
		return List.copyOf(numbers);
	}

	/**
	 * The documents {@code numbers} name, each known (NOT_FOUND), not {@code document}
	 * itself, and issued no later than it.
	 */
	private Mono<List<LegalDocument>> bases(List<String> numbers, LegalDocument document) {
		return Flux.fromIterable(numbers).concatMap((number) -> {
			if (number.equals(document.number())) {
				throw new InvalidInputException("basedOn", "names the document itself, " + number);
			}
			return this.documents.findByNumber(number)
				.switchIfEmpty(Mono.error(() -> new DocumentNotFoundException(number)))
				.doOnNext((basis) -> checkNotLater(document, basis));
		}).collectList();
	}

	private static void checkNotLater(LegalDocument document, LegalDocument basis) {
		if (document.issuedOn() != null && basis.issuedOn() != null && basis.issuedOn().isAfter(document.issuedOn())) {
			throw new InvalidInputException("basedOn", basis.number() + " was issued on " + basis.issuedOn()
					+ ", after " + document.number() + " (" + document.issuedOn() + "): a basis comes first");
		}
	}

	/** With its basis kept, a new issue date must still come after every basis. */
	private Mono<Void> checkBasesNotLater(LegalDocument document) {
		return this.documents.findBasedOn(List.of(document.id()))
			.doOnNext((byId) -> byId.getOrDefault(document.id(), List.of())
				.forEach((basis) -> checkNotLater(document, basis)))
			.then();
	}

	/** None of {@code bases} may be based, directly or not, on {@code document}. */
	private Mono<Void> checkNoCycle(LegalDocument document, List<LegalDocument> bases) {
		return this.documents.findBasedOnTransitively(ids(bases), document.id())
			.next()
			.flatMap((basis) -> Mono.<Void>error(new InvalidInputException("basedOn", basis + " is itself based on "
					+ document.number() + " (directly or through other documents): the basis graph has no cycles")));
	}

	private static Set<Long> ids(List<LegalDocument> documents) {
		Set<Long> ids = new HashSet<>();
		documents.forEach((d) -> ids.add(d.id()));
		return ids;
	}

}
