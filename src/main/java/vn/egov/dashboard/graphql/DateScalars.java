package vn.egov.dashboard.graphql;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.scalars.ExtendedScalars;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.GraphQLScalarType;
import org.jspecify.annotations.Nullable;

/**
 * The {@code Date} and {@code DateTime} scalars. Input is read strictly and checked
 * against one supported range, {@link #MIN} to {@link #MAX}; anything else is refused
 * while graphql-java validates the document (literals) or coerces the variables, before
 * anything runs, and {@link InvalidValues} answers it as a BAD_REQUEST naming the
 * argument. Output is written by graphql-java-extended-scalars, a {@code DateTime} always
 * at {@link #OUTPUT_OFFSET} with milliseconds.
 * <p>
 * Why: extended-scalars parsed {@code "2026-02-30"} leniently as 2026-02-28 and accepted
 * years such as {@code +999999999}, which PostgreSQL stored as {@code infinity} and date
 * arithmetic turned into a 500.
 * <ul>
 * <li>{@code Date}: {@code yyyy-MM-dd} (ISO-8601 calendar date), a real day of the
 * proleptic Gregorian calendar;</li>
 * <li>{@code DateTime}: {@code yyyy-MM-ddTHH:mm:ss}, optionally {@code .} and 1–9 digits
 * of a second, then {@code Z} or an offset {@code ±hh:mm} (RFC 3339); the instant, in
 * UTC, must lie in the range.</li>
 * </ul>
 * The descriptions clients read are the schema's
 * ({@code graphql-schema/schema.graphqls}).
 */
public final class DateScalars {

	/** The first supported day. */
	static final LocalDate MIN = LocalDate.of(1900, 1, 1);

	/** The last supported day. */
	static final LocalDate MAX = LocalDate.of(2199, 12, 31);

	private static final Instant FIRST_INSTANT = MIN.atStartOfDay(ZoneOffset.UTC).toInstant();

	private static final Instant END_INSTANT = MAX.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();

	private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

	private static final Pattern DATE_TIME = Pattern
		.compile("\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

	/** How much of a refused value a message repeats. */
	private static final int ECHO = 40;

	/**
	 * The offset every {@code DateTime} is written with: Vietnam's (Asia/Ho_Chi_Minh has
	 * kept +07:00 since 1975), so that an instant reads as the local time it is, and one
	 * instant is always written the same way.
	 */
	static final ZoneOffset OUTPUT_OFFSET = ZoneOffset.ofHours(7);

	static final GraphQLScalarType DATE_SCALAR = scalar("Date", ExtendedScalars.Date, DateScalars::date,
			UnaryOperator.identity());

	static final GraphQLScalarType DATE_TIME_SCALAR = scalar("DateTime", ExtendedScalars.DateTime,
			DateScalars::dateTime, DateScalars::atOutputOffset);

	private DateScalars() {
	}

	/**
	 * The date {@code text} names, or a {@link DateTimeException} saying what is wrong
	 * with it.
	 */
	static LocalDate date(String text) {
		LocalDate date = null;
		if (DATE.matcher(text).matches()) {
			try {
				// ISO_LOCAL_DATE resolves strictly: 2026-02-30 is an error, not
				// 2026-02-28.
				date = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
			}
			catch (DateTimeException ex) {
				// reported below
			}
		}
		if (date == null || date.isBefore(MIN) || date.isAfter(MAX)) {
			throw new DateTimeException(
					"must be a date from " + MIN + " to " + MAX + ", written yyyy-MM-dd (ISO-8601), was " + echo(text));
		}
		return date;
	}

	/**
	 * The instant {@code text} names with its offset, or a {@link DateTimeException}
	 * saying what is wrong with it.
	 */
	static OffsetDateTime dateTime(String text) {
		OffsetDateTime dateTime = null;
		if (DATE_TIME.matcher(text).matches() && !text.endsWith("-00:00")) {
			try {
				dateTime = OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
			}
			catch (DateTimeException ex) {
				// reported below
			}
		}
		if (dateTime == null || dateTime.toInstant().isBefore(FIRST_INSTANT)
				|| !dateTime.toInstant().isBefore(END_INSTANT)) {
			throw new DateTimeException("must be an instant from " + MIN + "T00:00:00Z to " + MAX
					+ "T23:59:59.999999999Z, written yyyy-MM-ddTHH:mm:ss[.fraction] with Z or an offset ±hh:mm"
					+ " (RFC 3339), was " + echo(text));
		}
		return dateTime;
	}

	private static String echo(String text) {
		String shown = (text.length() > ECHO) ? text.substring(0, ECHO) + "…" : text;
		return "'" + shown + "'";
	}

	/**
	 * The text the {@code DateTime} scalar writes for {@code time}, for SQL forms that
	 * write a moment known before the statement runs.
	 */
	public static String dateTimeText(OffsetDateTime time) {
		return (String) DATE_TIME_SCALAR.getCoercing().serialize(time, GraphQLContext.getDefault(), Locale.ROOT);
	}

	/**
	 * An instant at {@link #OUTPUT_OFFSET}: {@code 2026-11-23T12:00:00Z} is written
	 * {@code 2026-11-23T19:00:00.000+07:00}.
	 */
	static Object atOutputOffset(Object value) {
		if (value instanceof OffsetDateTime time) {
			return time.withOffsetSameInstant(OUTPUT_OFFSET);
		}
		if (value instanceof ZonedDateTime time) {
			return time.toOffsetDateTime().withOffsetSameInstant(OUTPUT_OFFSET);
		}
		if (value instanceof Instant instant) {
			return instant.atOffset(OUTPUT_OFFSET);
		}
		return value;
	}

	/**
	 * A scalar that reads input with {@code parse} and writes output as {@code extended}
	 * does, after {@code shown}.
	 */
	@SuppressWarnings("unchecked")
	private static <T> GraphQLScalarType scalar(String name, GraphQLScalarType extended, Function<String, T> parse,
			UnaryOperator<Object> shown) {
		Coercing<Object, Object> output = (Coercing<Object, Object>) extended.getCoercing();
		Coercing<T, Object> coercing = new Coercing<>() {

			@Override
			public @Nullable Object serialize(Object value, GraphQLContext context, Locale locale) {
				return output.serialize(shown.apply(value), context, locale);
			}

			@Override
			public T parseValue(Object input, GraphQLContext context, Locale locale) {
				if (!(input instanceof String text)) {
					throw new CoercingParseValueException("must be a string, " + example(name));
				}
				try {
					return parse.apply(text);
				}
				catch (DateTimeException ex) {
					throw new CoercingParseValueException(ex.getMessage());
				}
			}

			@Override
			public T parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
				if (!(input instanceof StringValue text)) {
					throw new CoercingParseLiteralException("must be a string, " + example(name));
				}
				try {
					return parse.apply(text.getValue());
				}
				catch (DateTimeException ex) {
					throw new CoercingParseLiteralException(ex.getMessage());
				}
			}

			@Override
			public Value<?> valueToLiteral(Object value, GraphQLContext context, Locale locale) {
				return output.valueToLiteral(value, context, locale);
			}

		};
		// No description here: the schema's description of the scalar is the one clients
		// read.
		return GraphQLScalarType.newScalar().name(name).coercing(coercing).build();
	}

	private static String example(String name) {
		return name.equals("Date") ? "e.g. \"2015-10-26\"" : "e.g. \"2026-11-23T12:00:00Z\"";
	}

}
