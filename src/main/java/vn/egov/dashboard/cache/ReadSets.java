package vn.egov.dashboard.cache;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import graphql.language.Document;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.Parser;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLFieldsContainer;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import org.jspecify.annotations.Nullable;

/**
 * What data a query reads, as the entities that writes announce in a
 * {@link vn.egov.dashboard.system.DataChangedEvent}: the object types of every selected
 * field, mapped to the entity that owns them. A type this class does not know reads
 * {@link #ANYTHING}, which every write invalidates, so a new type is never cached stale:
 * it is only cached less well until it is mapped.
 */
final class ReadSets {

	/** The read set of a type nobody mapped: any write invalidates it. */
	static final String ANYTHING = "*";

	/**
	 * Which entity's writes change each object type (connection and edge types follow
	 * their node).
	 */
	static final Map<String, String> ENTITIES = Map.ofEntries(Map.entry("Agency", "agency"),
			Map.entry("LegalDocument", "document"), Map.entry("Plan", "plan"), Map.entry("Task", "plan"),
			Map.entry("TaskReport", "plan"), Map.entry("Indicator", "target"), Map.entry("Target", "target"),
			Map.entry("Progress", "measurement"), Map.entry("TargetSummary", "measurement"),
			Map.entry("Measurement", "measurement"), Map.entry("MeasurementImportResult", "measurement"),
			Map.entry("AssessmentFramework", "assessment"), Map.entry("AssessmentRound", "assessment"),
			Map.entry("AssessmentCategory", "assessment"), Map.entry("RoundBlock", "assessment"),
			Map.entry("Ranking", "assessment"), Map.entry("RankingEntry", "assessment"),
			Map.entry("RankChange", "assessment"), Map.entry("AgencyRound", "assessment"),
			Map.entry("CategoryScore", "assessment"), Map.entry("AssessmentComparison", "assessment"),
			Map.entry("ComparedAgency", "assessment"), Map.entry("ComparedScore", "assessment"),
			Map.entry("CategoryStatistics", "assessment"), Map.entry("AssessmentImportResult", "assessment"),
			Map.entry("ImportProblem", "assessment"), Map.entry("Poll", "poll"), Map.entry("PollOption", "poll"),
			Map.entry("PollDay", "poll"), Map.entry("PollOptionDay", "poll"), Map.entry("Site", "site"),
			Map.entry("SiteReading", "site"), Map.entry("TrafficPoint", "traffic"), Map.entry("PageStats", "traffic"),
			Map.entry("Online", "traffic"), Map.entry("SiteStats", "traffic"), Map.entry("HitReceipt", "traffic"),
			Map.entry("HitRejection", "traffic"), Map.entry("Query", ""), Map.entry("PageInfo", ""),
			Map.entry("ProgressUpdate", "measurement"), Map.entry("Subscription", ""), Map.entry("Viewer", "caller"),
			Map.entry("ApiKey", "api_key"), Map.entry("CreatedApiKey", "api_key"), Map.entry("AuditEntry", "audit"));

	/**
	 * The operation a request runs, and what it reads; {@code query} is false for
	 * mutations and subscriptions.
	 */
	record ReadSet(boolean query, Set<String> entities) {
	}

	private final GraphQLSchema schema;

	private final Cache<String, Map<String, ReadSet>> byDocument;

	ReadSets(GraphQLSchema schema, Cache<String, Map<String, ReadSet>> byDocument) {
		this.schema = schema;
		this.byDocument = byDocument;
	}

	/**
	 * The read set of the operation {@code operationName} (or the only one), or null if
	 * the document is invalid. The read set depends on the document alone: every field
	 * the operation selects counts, whatever the variables say of its {@code @skip} or
	 * {@code @include} (the set is remembered by document, and another request may
	 * include what the first one skipped).
	 */
	@Nullable ReadSet of(String document, @Nullable String operationName) {
		Map<String, ReadSet> operations = this.byDocument.getIfPresent(document);
		if (operations == null) {
			operations = analyse(document);
			if (operations.isEmpty()) {
				return null;
			}
			this.byDocument.put(document, operations);
		}
		return operations.get((operationName != null) ? operationName : "");
	}

	private Map<String, ReadSet> analyse(String text) {
		Map<String, ReadSet> result = new HashMap<>();
		try {
			Document document = Parser.parse(text);
			Map<String, FragmentDefinition> fragments = new HashMap<>();
			document.getDefinitionsOfType(FragmentDefinition.class)
				.forEach((fragment) -> fragments.putIfAbsent(fragment.getName(), fragment));
			var operations = document.getDefinitionsOfType(OperationDefinition.class);
			for (OperationDefinition operation : operations) {
				String name = (operations.size() == 1 || operation.getName() == null) ? "" : operation.getName();
				boolean query = operation.getOperation() == OperationDefinition.Operation.QUERY;
				Set<String> entities = new HashSet<>();
				if (query) {
					new Walk(fragments, entities).selections(operation.getSelectionSet(), this.schema.getQueryType());
				}
				result.put(name, new ReadSet(query, Set.copyOf(entities)));
			}
		}
		catch (RuntimeException ex) {
			// Invalid documents are not cached; the engine reports their errors.
			result.clear();
		}
		return result;
	}

	/**
	 * One walk of an operation's selections, each fragment once however often it is
	 * spread (so a document whose fragments spread each other many times is walked in
	 * time linear in its size).
	 */
	private final class Walk {

		private final Map<String, FragmentDefinition> fragments;

		private final Set<String> walked = new HashSet<>();

		private final Set<String> entities;

		Walk(Map<String, FragmentDefinition> fragments, Set<String> entities) {
			this.fragments = fragments;
			this.entities = entities;
		}

		void selections(@Nullable SelectionSet set, @Nullable GraphQLType parent) {
			if (set == null) {
				return;
			}
			for (Selection<?> selection : set.getSelections()) {
				if (selection instanceof Field field) {
					field(field, parent);
				}
				else if (selection instanceof InlineFragment inline) {
					selections(inline.getSelectionSet(), (inline.getTypeCondition() != null)
							? ReadSets.this.schema.getType(inline.getTypeCondition().getName()) : parent);
				}
				else if (selection instanceof FragmentSpread spread) {
					FragmentDefinition fragment = this.fragments.get(spread.getName());
					if (fragment == null) {
						throw new IllegalArgumentException("unknown fragment " + spread.getName());
					}
					if (this.walked.add(fragment.getName())) {
						selections(fragment.getSelectionSet(),
								ReadSets.this.schema.getType(fragment.getTypeCondition().getName()));
					}
				}
			}
		}

		private void field(Field field, @Nullable GraphQLType parent) {
			if (field.getName().startsWith("__")) {
				return; // __typename, and introspection, which no write changes
			}
			GraphQLFieldDefinition definition = (parent instanceof GraphQLFieldsContainer container)
					? container.getFieldDefinition(field.getName()) : null;
			if (definition == null) {
				throw new IllegalArgumentException("unknown field " + field.getName());
			}
			GraphQLNamedType type = GraphQLTypeUtil.unwrapAll(definition.getType());
			String entity = entityOf(type);
			if (entity != null) {
				this.entities.add(entity);
			}
			selections(field.getSelectionSet(), type);
		}

	}

	/**
	 * The entity of a type, null for scalars, enums and types no write changes;
	 * {@link #ANYTHING} for an object type nobody mapped, an interface or a union.
	 */
	private static @Nullable String entityOf(GraphQLNamedType type) {
		if (type instanceof GraphQLInterfaceType || type instanceof GraphQLUnionType) {
			return ANYTHING;
		}
		if (!(type instanceof GraphQLObjectType)) {
			return null;
		}
		String entity = ENTITIES.get(type.getName().replaceFirst("(Connection|Edge)$", ""));
		if (entity == null) {
			return ANYTHING;
		}
		return entity.isEmpty() ? null : entity;
	}

}
