package vn.egov.dashboard.security;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.security.access.prepost.PreAuthorize;

/**
 * Writes of one agency's data: an {@link Role#ADMIN} or an {@link Role#AGENCY_EDITOR},
 * whom the method must also hold to its agency with {@link Access#requireAgency}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@PreAuthorize("hasAnyRole('ADMIN', 'AGENCY_EDITOR')")
public @interface AgencyWrite {

}
