/** The services on offer, each with its length, price and description, and who performs it. */
import { Button } from "../../../components/Button";
import type { Service } from "../api/catalogue";
import { namesOr, serviceFacts } from "../appointment-rules";

interface Props {
  services: Service[];
  onChoose: (service: Service) => void;
}

export function ServiceList({ services, onChoose }: Props) {
  if (services.length === 0) return <p className="mb-6">There are no appointments to book online here at the moment.</p>;
  return (
    <ul className="space-y-4">
      {services.map((service) => {
        const id = `service-${service.code}`;
        return (
          <li key={service.code}>
            <section
              aria-labelledby={id}
              className="grid gap-3 rounded border-2 border-gray-300 p-4 sm:grid-cols-[1fr_auto] sm:items-center sm:gap-4"
            >
              <div className="min-w-0">
                <h3 id={id} className="text-2xl font-bold text-gray-900">
                  {service.name}
                </h3>
                <p id={`${id}-facts`} className="text-lg font-semibold text-gray-900">
                  {serviceFacts(service)}
                </p>
                {service.description && <p className="text-gray-900">{service.description}</p>}
                {service.staff.length > 0 && (
                  <p className="text-gray-700">With {namesOr(service.staff.map((member) => member.name))}</p>
                )}
              </div>
              <Button onClick={() => onChoose(service)} aria-describedby={`${id}-facts`}>
                Choose {service.name}
              </Button>
            </section>
          </li>
        );
      })}
    </ul>
  );
}
